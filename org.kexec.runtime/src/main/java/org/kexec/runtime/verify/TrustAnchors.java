package org.kexec.runtime.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reads the X.509 certificates (PEM or DER) that trust anchors name. */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /**
     * @throws SignatureVerificationException naming the file and why it is no certificate
     */
    public static X509Certificate read(Path file) throws SignatureVerificationException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new SignatureVerificationException("trust anchor " + file + " cannot be read: " + e.getMessage());
        } catch (CertificateException e) {
            throw new SignatureVerificationException("trust anchor " + file + " is not an X.509 certificate in PEM or DER form:"
                    + " export the CA certificate with 'openssl x509 -outform PEM'");
        }
    }
}
