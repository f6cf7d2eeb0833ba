package io.syncstore.it.server;

import java.util.Properties;

import jakarta.activation.CommandMap;
import jakarta.activation.MailcapCommandMap;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A user's mail program (Angus Mail): SMTP to send, IMAP with STARTTLS and POP3 to read. */
final class MailClient {
    static {
        // James's javax.mail 1.6 on the same classpath declares its own handlers for these types in META-INF/mailcap;
        // Jakarta Activation would pick those up and fail to cast them. Angus's own, declared here, take precedence.
        MailcapCommandMap handlers = new MailcapCommandMap();
        handlers.addMailcap("text/plain;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_plain");
        handlers.addMailcap("text/html;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_html");
        handlers.addMailcap("text/xml;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_xml");
        handlers.addMailcap("multipart/*;; x-java-content-handler=org.eclipse.angus.mail.handlers.multipart_mixed");
        handlers.addMailcap("message/rfc822;; x-java-content-handler=org.eclipse.angus.mail.handlers.message_rfc822");
        CommandMap.setDefaultCommandMap(handlers);
    }

    private final ServerHome home;
    private final Session session;

    MailClient(ServerHome home) {
        this.home = home;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(home.smtpPort));
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(home.imapPort));
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        // The server's certificate is the self-signed one it generated at its first start.
        properties.put("mail.imap.ssl.trust", "*");
        properties.put("mail.imaps.host", "127.0.0.1");
        properties.put("mail.imaps.port", String.valueOf(home.imapsPort));
        properties.put("mail.imaps.ssl.trust", "*");
        properties.put("mail.smtps.host", "127.0.0.1");
        properties.put("mail.smtps.port", String.valueOf(home.submissionTlsPort));
        properties.put("mail.smtps.auth", "true");
        properties.put("mail.smtps.ssl.trust", "*");
        properties.put("mail.pop3.host", "127.0.0.1");
        properties.put("mail.pop3.port", String.valueOf(home.pop3Port));
        this.session = Session.getInstance(properties);
    }

    MimeMessage message(String from, String to, String subject, String body) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        return message;
    }

    void send(MimeMessage message) throws MessagingException {
        Transport.send(message);
    }

    /** Submission over implicit TLS (port 465), authenticated. */
    void submit(MimeMessage message, String user, String password) throws MessagingException {
        try (Transport transport = session.getTransport("smtps")) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** IMAP over implicit TLS (port 993). */
    Store imaps(String user, String password) throws MessagingException {
        Store store = session.getStore("imaps");
        store.connect(user, password);
        return store;
    }

    Store imap(String user, String password) throws MessagingException {
        Store store = session.getStore("imap");
        store.connect(user, password);
        return store;
    }

    Store pop3(String user, String password) throws MessagingException {
        Store store = session.getStore("pop3");
        store.connect(user, password);
        return store;
    }

    static Folder open(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        folder.open(Folder.READ_WRITE);
        return folder;
    }
}
