package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;

/** What every ceremony command shares: the terminal, the database and the operator's name for the audit log. */
abstract class CaCommand {

    @ParentCommand
    CeremonyCli cli;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who runs the ceremony, recorded in the audit log (default: the OS user)")
    String operator;

    Terminal terminal() {
        return cli.terminal();
    }

    String actor() {
        return "ceremony:" + operator;
    }

    static String parentName(CaDirectory directory, CertificateAuthority ca) {
        return ca.parentId() == null ? null : directory.byId(ca.parentId()).map(CertificateAuthority::name).orElse("?");
    }
}
