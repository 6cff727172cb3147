package uz.eimzo.ra.requests;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.OperatorUser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What waits for an operator's centre: requests awaiting a supervisor's approval, requests ready to be issued,
 * certificates expiring soon and certificates issued lately. The home page shows the first few of each, a queue's own
 * page the whole queue a page at a time, and the menu how many requests wait. Administrators see every centre's.
 */
@Component
public class WorkQueues {

    /** How far ahead "expiring soon" looks, and how far back "recently issued". */
    public static final Duration EXPIRING_WITHIN = Duration.ofDays(30);
    public static final Duration ISSUED_WITHIN = Duration.ofDays(7);
    /** Entries per queue on the home page, and the bounds of a queue page's size. */
    static final int SHOWN = 5;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    /** The queues, by the name in their page's address; the request queues are for the roles that act on them. */
    public enum Kind {
        AWAITING_APPROVAL("awaiting-approval", false, Actor.Role.SUPERVISOR),
        READY_TO_ISSUE("ready-to-issue", false, Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR),
        EXPIRING("expiring", false),
        RECENTLY_ISSUED("recently-issued", true);

        private final String slug;
        private final boolean newestFirst;
        private final List<Actor.Role> roles;

        Kind(String slug, boolean newestFirst, Actor.Role... roles) {
            this.slug = slug;
            this.newestFirst = newestFirst;
            this.roles = List.of(roles);
        }

        public String slug() {
            return slug;
        }

        /** The queue's own order: oldest first (the one waiting longest is handled first), issued ones newest first. */
        public boolean newestFirst() {
            return newestFirst;
        }

        public boolean certificates() {
            return this == EXPIRING || this == RECENTLY_ISSUED;
        }

        public boolean visibleTo(Actor actor) {
            return roles.isEmpty() || roles.stream().anyMatch(actor::has);
        }

        static Optional<Kind> bySlug(String slug) {
            return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
        }
    }

    /** What a queue page can be sorted by: the queue's moment, the applicant's name, the request number. */
    public enum Sort { SINCE, APPLICANT, NUMBER }

    /** One line of a queue: a request (with its certificate once issued) and the moment that orders the queue. */
    public record Item(long requestId, String applicant, String type, String caName, String serialHex, Instant at) {
    }

    /** A queue: how many wait, and the first few. */
    public record Queue(long count, List<Item> first) {
    }

    /** The four queues of the home page. */
    public record Queues(Queue awaitingApproval, Queue readyToIssue, Queue expiringSoon, Queue recentlyIssued) {
    }

    /** A page of a queue (pages count from 1). */
    public record Page(Kind kind, long count, List<Item> items, int page, int size, Sort sort, boolean descending) {

        public long pages() {
            return Math.max(1, (count + size - 1) / size);
        }
    }

    private final WorkQueueStore store;
    private final Clock clock;

    WorkQueues(WorkQueueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Queues of(Actor actor) {
        return new Queues(first(actor, Kind.AWAITING_APPROVAL), first(actor, Kind.READY_TO_ISSUE),
                first(actor, Kind.EXPIRING), first(actor, Kind.RECENTLY_ISSUED));
    }

    /** One page of a queue, in the order asked; {@code page} from 1, {@code size} within 1..{@value #MAX_PAGE_SIZE}. */
    public Page page(Actor actor, Kind kind, Sort sort, boolean descending, int page, int size) {
        if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 1, size from 1 to " + MAX_PAGE_SIZE);
        }
        List<Instant> bounds = bounds(kind);
        return new Page(kind, store.count(kind, scope(actor), bounds),
                store.items(kind, scope(actor), bounds, sort, descending, (long) (page - 1) * size, size),
                page, size, sort, descending);
    }

    /**
     * How many requests wait for the signed-in operator to act (the menu's badge): awaiting approval for a supervisor,
     * ready to issue for a registrar or supervisor. Zero for anyone else.
     */
    public long waiting(Object principal) {
        if (!(principal instanceof OperatorUser user)) {
            return 0;
        }
        Actor actor = user.actor();
        long waiting = 0;
        try {
            for (Kind kind : List.of(Kind.AWAITING_APPROVAL, Kind.READY_TO_ISSUE)) {
                if (kind.visibleTo(actor)) {
                    waiting += store.count(kind, scope(actor), bounds(kind));
                }
            }
        } catch (DataAccessException unavailable) {
            // The badge is a courtesy of every page's menu: a page (the database-outage page among them) still shows.
            return 0;
        }
        return waiting;
    }

    private Queue first(Actor actor, Kind kind) {
        List<Instant> bounds = bounds(kind);
        return new Queue(store.count(kind, scope(actor), bounds),
                store.items(kind, scope(actor), bounds, Sort.SINCE, kind.newestFirst(), 0, SHOWN));
    }

    private List<Instant> bounds(Kind kind) {
        Instant now = clock.instant();
        return switch (kind) {
            case AWAITING_APPROVAL, READY_TO_ISSUE -> List.of();
            case EXPIRING -> List.of(now, now.plus(EXPIRING_WITHIN));
            case RECENTLY_ISSUED -> List.of(now.minus(ISSUED_WITHIN));
        };
    }

    private static WorkQueueStore.Scope scope(Actor actor) {
        return new WorkQueueStore.Scope(actor.has(Actor.Role.ADMINISTRATOR), actor.centreId());
    }
}
