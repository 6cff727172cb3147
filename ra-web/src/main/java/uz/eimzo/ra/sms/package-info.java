/**
 * Short texts to applicants' phones: the {@code SmsSender} contract, an HTTP gateway client ({@code eimzo.sms.url}),
 * Eskiz.uz's API ({@code EskizSmsGateway}: token kept and renewed, bounded retries) and the demo's SMS box (files next
 * to the demo mailbox). Numbers are Uzbek mobiles (+998 and nine digits); the texts
 * may hold one-time codes and are never logged.
 */
package uz.eimzo.ra.sms;
