package org.kexec.runtime.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.cert.X509Certificate;
import java.util.List;
import org.kexec.runtime.image.BzImages;

/**
 * Fuzzes signature verification: whole images (PE headers, the certificate table and its WIN_CERTIFICATE entries),
 * and PKCS#7 SignedData blobs placed in a well-formed certificate table. Hostile bytes may only be refused with
 * {@link SignatureVerificationException}.
 */
class AuthenticodeFuzzTest {

    private static final int TABLE_SIZE = 0x2000;
    private static final List<X509Certificate> ANCHORS = List.of(anchor());

    private static X509Certificate anchor() {
        try {
            return TestCertificates.authority("CN=kboot fuzz CA", TestCertificates.keyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void image(@NotNull byte[] image) {
        try {
            Authenticode.verify(image, ANCHORS);
        } catch (SignatureVerificationException refused) {
            // the only way to say no
        }
    }

    @FuzzTest(maxDuration = "20s")
    void signedData(@NotNull byte[] pkcs7) {
        int length = Math.min(pkcs7.length, TABLE_SIZE - 8);
        byte[] image = BzImages.withPeHeader(BzImages.debian12(0x8000 + TABLE_SIZE), TABLE_SIZE);
        ByteBuffer entry = ByteBuffer.wrap(image, 0x8000, TABLE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        entry.putInt(8 + length).putShort((short) 0x0200).putShort((short) 0x0002).put(pkcs7, 0, length);
        try {
            Authenticode.verify(image, ANCHORS);
        } catch (SignatureVerificationException refused) {
            // the only way to say no
        }
    }
}
