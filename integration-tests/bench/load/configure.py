#!/usr/bin/env python3
"""Edits the configurations of the three servers of the load benchmark (see run-load.sh).

configure.py syncstore CONF_DIR BASE   -- IMAP on BASE+143 without TLS, LMTP BASE+24, SMTP BASE+25, POP3 BASE+110,
                                           ManageSieve BASE+190, WebAdmin BASE+800; NOTIFY enabled unless the
                                           configuration already lists an IMAP package and a Guice module
configure.py james CONF_DIR BASE LMTP_XML -- the same ports for a stock James memory server, SMTP/JMAP/JMX off,
                                           LMTP added from SyncStore's lmtpserver.xml
"""
import pathlib
import re
import sys


def edit(path, *replacements):
    text = path.read_text()
    for old, new in replacements:
        if isinstance(old, re.Pattern):
            text, n = old.subn(new, text)
        else:
            n = text.count(old)
            text = text.replace(old, new)
        if n == 0:
            sys.exit(f"{path}: nothing matched {old!r}")
    path.write_text(text)


def imap(conf, base):
    path = conf / "imapserver.xml"
    text = path.read_text()
    # the first <imapserver> (STARTTLS on 143) becomes plain IMAP on base+143; any other one is disabled
    blocks = re.split(r'(<imapserver enabled="(?:true|false)">)', text)
    first = True
    out = [blocks[0]]
    for i in range(1, len(blocks), 2):
        head, body = blocks[i], blocks[i + 1]
        if first:
            body = re.sub(r"<bind>[^<]*</bind>", f"<bind>127.0.0.1:{base + 143}</bind>", body, count=1)
            body = body.replace('startTLS="true"', 'startTLS="false"')
            body = body.replace("<plainAuthDisallowed>true</plainAuthDisallowed>",
                                "<plainAuthDisallowed>false</plainAuthDisallowed>")
            first = False
        else:
            head = '<imapserver enabled="false">'
        out += [head, body]
    path.write_text("".join(out))


def bind(path, *ports, address="127.0.0.1"):
    """The n-th <bind> of the file gets the n-th port (a file may declare several servers: SMTP 25, 465, 587)."""
    text = path.read_text()
    count = len(re.findall(r"<bind>[^<]*</bind>", text))
    chosen = iter(list(ports) + [ports[-1]] * max(0, count - len(ports)))
    path.write_text(re.sub(r"<bind>[^<]*</bind>", lambda m: f"<bind>{address}:{next(chosen)}</bind>", text))


def webadmin(conf, base):
    edit(conf / "webadmin.properties", (re.compile(r"(?m)^port=.*$"), f"port={base + 800}"),
         (re.compile(r"(?m)^host=.*$"), "host=127.0.0.1"))


def syncstore(conf, base):
    imap(conf, base)
    bind(conf / "lmtpserver.xml", base + 24)
    bind(conf / "smtpserver.xml", base + 25, base + 465, base + 587)
    bind(conf / "pop3server.xml", base + 110)
    bind(conf / "managesieveserver.xml", base + 190)
    webadmin(conf, base)
    if (conf / "jmap.properties").exists():
        edit(conf / "jmap.properties", (re.compile(r"(?m)^jmap\.port=.*$"), f"jmap.port={base + 80}"))
    imapserver = conf / "imapserver.xml"
    text = imapserver.read_text()
    # leave an <imapPackages> the distribution already enables (e.g. io.syncstore.imap.SyncStoreImapPackage)
    if "<imapPackages>" not in re.sub(r"(?s)<!--.*?-->", "", text):
        imapserver.write_text(text.replace("</imapservers>",
            "    <imapPackages>io.syncstore.imap.notify.NotifyImapPackage</imapPackages>\n</imapservers>"))
    extensions = conf / "extensions.properties"
    text = extensions.read_text()
    if not re.search(r"(?m)^guice\.extension\.module=", text):  # a comment starts with #
        extensions.write_text(text + "\nguice.extension.module=io.syncstore.imap.notify.NotifyGuiceModule\n")


def james(conf, base, lmtp_xml):
    imap(conf, base)
    (conf / "lmtpserver.xml").write_text(pathlib.Path(lmtp_xml).read_text())
    bind(conf / "lmtpserver.xml", base + 24)
    edit(conf / "smtpserver.xml", ('<smtpserver enabled="true">', '<smtpserver enabled="false">'))
    edit(conf / "jmap.properties", (re.compile(r"(?m)^enabled=true"), "enabled=false"))
    edit(conf / "jmx.properties", (re.compile(r"(?m)^jmx.enabled=true"), "jmx.enabled=false"))
    webadmin(conf, base)


if __name__ == "__main__":
    kind, conf, base = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
    if kind == "syncstore":
        syncstore(conf, base)
    else:
        james(conf, base, sys.argv[4])
