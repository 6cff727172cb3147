package uz.eimzo.ra.myid;

/** Where the applicant's browser shows their face for a MyID session, and comes back to {@code back} afterwards. */
@FunctionalInterface
public interface CapturePage {
    String url(String session, String back);
}
