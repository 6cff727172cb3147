package uz.eimzo.ca.keys;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens the signing key a database key reference names, among the key storages this node was given. */
public final class KeyResolver {

    private final List<KeyStorage> storages;
    private final Map<String, SigningKey> open = new ConcurrentHashMap<>();

    public KeyResolver(List<KeyStorage> storages) {
        this.storages = List.copyOf(storages);
    }

    public SigningKey open(String reference) {
        return open.computeIfAbsent(reference, this::find);
    }

    private SigningKey find(String reference) {
        int hash = reference.lastIndexOf('#');
        if (hash < 0) {
            throw new KeyUnavailableException("Malformed key reference: " + reference);
        }
        String alias = reference.substring(hash + 1);
        for (KeyStorage storage : storages) {
            if (storage.reference(alias).equals(reference)) {
                return storage.open(alias);
            }
        }
        throw new KeyUnavailableException("No configured key storage holds " + reference);
    }
}
