/**
 * CMP (RFC 4210/9480, Lightweight CMP profile RFC 9483) over HTTP (RFC 6712): enrollment with an RA-issued code,
 * renewal (kur) with the current certificate, revocation by the key holder, CA certificates. The only package of
 * ra-web that uses Bouncy Castle.
 *
 * <p>{@link uz.eimzo.ra.cmp.CmpController} hands the bytes to {@link uz.eimzo.ra.cmp.CmpServer}, a dispatcher that
 * checks the header and turns every refusal into an audited CMP error. One handler per message type:
 * {@code Enrollment} (ir, cr, p10cr), {@code Renewal} (kur), {@code RevocationRequest} (rr), {@code Confirmation}
 * (certConf) and {@code GeneralMessage} (genm). {@code RequestProtection} checks a request's MAC (within the
 * iteration bound) or signature and counts failures per sender and address ({@code ProtectionFailures});
 * {@code AnswerProtection} builds and protects answers; a signed answer's protection is made by the CA's signing module
 * ({@code uz.eimzo.ca.signing.CmpProtection}) in the CA key's own algorithm. {@code uz.eimzo.ca.storage.CmpTransactionStore} is the store of
 * delivered certificates awaiting certConf;
 * {@link uz.eimzo.ra.cmp.OverdueConfirmations} (run by {@link uz.eimzo.ra.cmp.OverdueConfirmationJob}) revokes those
 * never confirmed, and {@code Undelivered} revokes a certificate whose answer could not be produced.
 *
 * <p>May use: the CA core's services ({@code uz.eimzo.ca.*}), Bouncy Castle's CMP/CRMF classes, Quartz for its job.
 * It never sees a CA key, key storage or key resolver: it hands the ProtectedPart to {@code CmpProtection}, which signs
 * only a CMP answer naming the CA as sender.
 */
package uz.eimzo.ra.cmp;
