package io.syncstore.mime;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.message.response.FetchResponse;

/**
 * Parses an unfolded RFC 5322 address list into IMAP ENVELOPE addresses (RFC 3501 §7.4.2), leniently, as Dovecot
 * does: the display name is the phrase before {@code <...>} (quotes removed, encoded words left as they are), or
 * else the last comment after an addr-spec ({@code user@host (Real Name)}); a group gives a start marker
 * {@code (NIL NIL "name" NIL)}, its members and an end marker {@code (NIL NIL NIL NIL)}; a mailbox without a domain
 * gets the host {@code MISSING_DOMAIN} (a NIL host would read as a group marker), an address without a local part
 * the mailbox {@code MISSING_MAILBOX}.
 */
final class EnvelopeAddressParser {
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    static final String MISSING_MAILBOX = "MISSING_MAILBOX";

    static final class Address implements FetchResponse.Envelope.Address {
        final String name;
        final String adl;
        final String mailbox;
        final String host;

        Address(String name, String adl, String mailbox, String host) {
            this.name = name;
            this.adl = adl;
            this.mailbox = mailbox;
            this.host = host;
        }

        @Override
        public String getPersonalName() {
            return name;
        }

        @Override
        public String getAtDomainList() {
            return adl;
        }

        @Override
        public String getMailboxName() {
            return mailbox;
        }

        @Override
        public String getHostName() {
            return host;
        }

        @Override
        public String toString() {
            return "(" + name + " " + adl + " " + mailbox + " " + host + ")";
        }
    }

    private final String text;
    private int pos;
    private String lastComment;
    private final List<Address> result = new ArrayList<>();

    private EnvelopeAddressParser(String text) {
        this.text = text;
    }

    static List<Address> parse(String value) {
        EnvelopeAddressParser parser = new EnvelopeAddressParser(value);
        parser.addressList();
        return parser.result;
    }

    private void addressList() {
        while (true) {
            skipCfws();
            if (atEnd()) {
                return;
            }
            char c = peek();
            if (c == ',' || c == ';' || c == '>') {
                pos++;
                continue;
            }
            int before = pos;
            address();
            if (pos == before) {
                pos++;
            }
        }
    }

    private void address() {
        int start = pos;
        Phrase phrase = phrase();
        skipCfws();
        if (!atEnd() && peek() == ':') {
            pos++;
            result.add(new Address(null, null, phrase.display(), null));
            while (true) {
                skipCfws();
                if (atEnd()) {
                    break;
                }
                char c = peek();
                if (c == ';') {
                    pos++;
                    break;
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                int before = pos;
                Phrase memberPhrase = phrase();
                skipCfws();
                mailbox(before, memberPhrase);
                if (pos == before) {
                    pos++;
                }
            }
            result.add(new Address(null, null, null, null));
            return;
        }
        mailbox(start, phrase);
    }

    /**
     * A mailbox whose leading words, read from {@code start}, are {@code phrase} (pos after them and the space
     * after them): the display name before {@code <addr-spec>}, or else the start of an addr-spec read again.
     */
    private void mailbox(int start, Phrase phrase) {
        if (!atEnd() && peek() == '<') {
            pos++;
            String adl = null;
            skipCfws();
            if (!atEnd() && peek() == '@') {
                int routeStart = pos;
                while (!atEnd() && peek() != ':' && peek() != '>') {
                    pos++;
                }
                if (!atEnd() && peek() == ':') {
                    adl = text.substring(routeStart, pos).replaceAll("\\s+", "");
                    pos++;
                } else {
                    pos = routeStart;
                }
            }
            String[] spec = addrSpec();
            skipCfws();
            if (!atEnd() && peek() == '>') {
                pos++;
            }
            String name = phrase.display();
            add(name, adl, spec);
            skipToSeparator();
            return;
        }
        pos = start;
        lastComment = null;
        String[] spec = addrSpec();
        skipToSeparator();
        add(lastComment, null, spec);
    }

    private void add(String name, String adl, String[] spec) {
        String mailbox = spec[0] == null || spec[0].isEmpty() ? MISSING_MAILBOX : spec[0];
        String host = spec[1] == null || spec[1].isEmpty() ? MISSING_DOMAIN : spec[1];
        result.add(new Address(name == null || name.isEmpty() ? null : name, adl, mailbox, host));
    }

    /** local-part and domain, as written (quoted local parts keep their quotes); stops at , ; > or the end. */
    private String[] addrSpec() {
        StringBuilder local = new StringBuilder();
        StringBuilder domain = null;
        while (true) {
            skipCfws();
            if (atEnd()) {
                break;
            }
            char c = peek();
            if (c == ',' || c == ';' || c == '>' || c == '<') {
                break;
            }
            if (c == '@' && domain == null) {
                pos++;
                domain = new StringBuilder();
                continue;
            }
            StringBuilder target = domain == null ? local : domain;
            if (c == '"') {
                int start = pos;
                quoted();
                target.append(text, start, pos);
            } else if (c == '[') {
                int start = pos;
                while (!atEnd() && peek() != ']') {
                    pos++;
                }
                if (!atEnd()) {
                    pos++;
                }
                target.append(text, start, pos);
            } else {
                int start = pos;
                while (!atEnd() && !isSpecialOrSpace(peek()) && peek() != '@') {
                    pos++;
                }
                if (pos == start) {
                    pos++;
                }
                target.append(text, start, pos);
            }
        }
        return new String[] {local.toString(), domain == null ? null : domain.toString()};
    }

    private void skipToSeparator() {
        while (true) {
            skipCfws();
            if (atEnd() || peek() == ',' || peek() == ';') {
                return;
            }
            pos++;
        }
    }

    /** Words (atoms, quoted strings) up to a special character: the display name or group name. */
    private Phrase phrase() {
        Phrase phrase = new Phrase();
        while (true) {
            skipCfws();
            if (atEnd()) {
                return phrase;
            }
            char c = peek();
            if (c == '"') {
                phrase.add(quoted());
            } else if (isSpecial(c) && c != '.') {
                return phrase;
            } else {
                int start = pos;
                while (!atEnd() && (!isSpecialOrSpace(peek()) || peek() == '.')) {
                    pos++;
                }
                phrase.add(text.substring(start, pos));
            }
        }
    }

    /** A quoted string, unquoted and unescaped; pos after its closing quote. */
    private String quoted() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '\\' && !atEnd()) {
                value.append(text.charAt(pos++));
            } else if (c == '"') {
                break;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private void skipCfws() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                lastComment = comment();
            } else {
                return;
            }
        }
    }

    private String comment() {
        StringBuilder value = new StringBuilder();
        int depth = 0;
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '\\' && !atEnd()) {
                value.append(text.charAt(pos++));
                continue;
            }
            if (c == '(') {
                depth++;
                if (depth == 1) {
                    continue;
                }
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
            value.append(c);
        }
        return value.toString().trim();
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static boolean isSpecial(char c) {
        return "()<>[]:;@\\,.\"".indexOf(c) >= 0;
    }

    private static boolean isSpecialOrSpace(char c) {
        return isSpecial(c) || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static final class Phrase {
        private final StringBuilder words = new StringBuilder();

        void add(String word) {
            if (word.isEmpty() && words.length() == 0) {
                return;
            }
            if (words.length() > 0) {
                words.append(' ');
            }
            words.append(word);
        }

        String display() {
            return words.toString().trim();
        }
    }
}
