package io.syncstore.imap.urlauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The INTERNAL mechanism's token (RFC 4467 §7): HMAC-SHA1 of the URL's rump under the mailbox access key. */
final class UrlAuthToken {
    static final String MECHANISM = "INTERNAL";
    private static final String HMAC_SHA1 = "HmacSHA1";

    private UrlAuthToken() {
    }

    static byte[] of(byte[] key, String rump) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
            return mac.doFinal(rump.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK provides HmacSHA1", e);
        }
    }

    /** Compared in constant time: how much of a forged token matches must not show in the time taken. */
    static boolean signs(byte[] token, byte[] key, String rump) {
        return MessageDigest.isEqual(of(key, rump), token);
    }
}
