package uz.eimzo.ca.profile;

/** Who applies for a certificate, as the E-IMZO law and service centres distinguish them. */
public enum ApplicantType {
    INDIVIDUAL("Jismoniy shaxs", false),
    SOLE_PROPRIETOR("Yakka tartibdagi tadbirkor", false),
    LEGAL_ENTITY("Mas'uliyati cheklangan jamiyat", true),
    STATE_BODY("Davlat tashkiloti", true),
    NGO("Nodavlat notijorat tashkiloti", true);

    private final String uzbekName;
    private final boolean organisation;

    ApplicantType(String uzbekName, boolean organisation) {
        this.uzbekName = uzbekName;
        this.organisation = organisation;
    }

    public String uzbekName() {
        return uzbekName;
    }

    /** True when the certificate speaks for an organisation and carries its STIR (1.2.860.3.16.1.1). */
    public boolean organisation() {
        return organisation;
    }
}
