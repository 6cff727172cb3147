package uz.eimzo.ca.reminders;

/** Delivers a reminder (SMTP in the application); throws when the message was not accepted. */
public interface Mailbox {

    void send(Reminder reminder) throws Exception;
}
