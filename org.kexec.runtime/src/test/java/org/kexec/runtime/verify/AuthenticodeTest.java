package org.kexec.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.PeHeader;

/**
 * Authenticode verdicts, each cross-checked with sbverify on the same file: Debian's signed kernel against the Debian
 * Secure Boot CA, and its unsigned twin signed here with sbsign: a good signature, a self-signed one, an untrusted
 * signer, a signer without code signing, and a byte changed in a section, in the headers and in the signature.
 */
class AuthenticodeTest {

    @TempDir
    static Path work;

    static KeyPair caKeys;
    static X509Certificate ca;
    static X509Certificate otherCa;
    static Path unsigned;

    @BeforeAll
    static void keys() throws Exception {
        caKeys = TestCertificates.keyPair();
        ca = TestCertificates.authority("CN=kboot test CA", caKeys);
        otherCa = TestCertificates.authority("CN=other CA", TestCertificates.keyPair());
        unsigned = DebianKernels.fetch("unsigned").path();
        Files.writeString(work.resolve("ca.pem"), TestCertificates.pem(ca));
    }

    /** Signs the unsigned Debian kernel with sbsign, as a signer certified by {@code ca}. */
    static Path sign(String name, boolean codeSigning) throws Exception {
        KeyPair signerKeys = TestCertificates.keyPair();
        return sbsign(name, signerKeys, TestCertificates.certificate("CN=" + name, signerKeys, "CN=kboot test CA", caKeys, false, codeSigning));
    }

    /** Signs the unsigned Debian kernel with sbsign, leaving {@code name.pem} (the signer's certificate) beside it. */
    static Path sbsign(String name, KeyPair keys, X509Certificate certificate) throws Exception {
        Files.writeString(work.resolve(name + ".key"), TestCertificates.pem(keys.getPrivate()));
        Files.writeString(work.resolve(name + ".pem"), TestCertificates.pem(certificate));
        Path signed = work.resolve(name + ".efi");
        run("sbsign", "--key", work.resolve(name + ".key").toString(), "--cert", work.resolve(name + ".pem").toString(),
                "--output", signed.toString(), unsigned.toString());
        return signed;
    }

    static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        if (command[0].equals("sbsign")) {
            assertEquals(0, process.exitValue(), output);
        }
        return process.exitValue();
    }

    static int sbverify(Path image, Path caPem) throws Exception {
        return run("sbverify", "--cert", caPem.toString(), image.toString());
    }

    static String refusal(byte[] image, List<X509Certificate> anchors) {
        return assertThrows(SignatureVerificationException.class, () -> Authenticode.verify(image, anchors)).getMessage();
    }

    @Test
    void aKernelSignedByTheAnchorsSignerVerifies() throws Exception {
        Path signed = sign("signer", true);
        Authenticode.Verified verified = Authenticode.verify(Files.readAllBytes(signed), List.of(ca));
        assertEquals(new Authenticode.Verified("CN=signer", "CN=kboot test CA", "SHA256"), verified);
        assertEquals(0, sbverify(signed, work.resolve("ca.pem")));
    }

    @Test
    void debiansSignedKernelChainsToTheDebianSecureBootCa() throws Exception {
        Path debianCa = DebianKernels.secureBootCa();
        Path signed = DebianKernels.fetch("signed").path();
        Authenticode.Verified verified = Authenticode.verify(Files.readAllBytes(signed), List.of(TrustAnchors.read(debianCa)));
        assertEquals(new Authenticode.Verified("CN=Debian Secure Boot Signer 2022 - linux", "CN=Debian Secure Boot CA", "SHA256"),
                verified);
        assertEquals(0, sbverify(signed, debianCa));
        assertEquals("signed by CN=Debian Secure Boot Signer 2022 - linux (issuer CN=Debian Secure Boot CA), which does not"
                + " chain to the trust anchors [CN=kboot test CA]", refusal(Files.readAllBytes(signed), List.of(ca)));
        assertTrue(sbverify(signed, work.resolve("ca.pem")) != 0);
    }

    @Test
    void aSelfSignedKernelVerifiesOnlyAgainstItsOwnCertificate() throws Exception {
        KeyPair keys = TestCertificates.keyPair();
        X509Certificate self = TestCertificates.authority("CN=self", keys);
        Path signed = sbsign("self", keys, self);
        byte[] image = Files.readAllBytes(signed);
        assertEquals(new Authenticode.Verified("CN=self", "CN=self", "SHA256"), Authenticode.verify(image, List.of(self)));
        assertEquals(0, sbverify(signed, work.resolve("self.pem")));
        assertEquals("signed by CN=self (issuer CN=self), which does not chain to the trust anchors [CN=kboot test CA]",
                refusal(image, List.of(ca)));
        assertTrue(sbverify(signed, work.resolve("ca.pem")) != 0);
    }

    @Test
    void anUnsignedKernelIsRefused() throws Exception {
        assertEquals("unsigned: the PE certificate table is empty", refusal(Files.readAllBytes(unsigned), List.of(ca)));
        assertTrue(sbverify(unsigned, work.resolve("ca.pem")) != 0);
    }

    @Test
    void aSignerOutsideTheAnchorsIsRefused() throws Exception {
        Path signed = sign("stranger", true);
        Files.writeString(work.resolve("other.pem"), TestCertificates.pem(otherCa));
        assertEquals("signed by CN=stranger (issuer CN=kboot test CA), which does not chain to the trust anchors [CN=other CA]",
                refusal(Files.readAllBytes(signed), List.of(otherCa)));
        assertTrue(sbverify(signed, work.resolve("other.pem")) != 0);
    }

    @Test
    void aSignerWithoutCodeSigningIsRefused() throws Exception {
        Path signed = sign("webserver", false);
        assertEquals("CN=webserver is not for code signing: its extended key usage lacks codeSigning (1.3.6.1.5.5.7.3.3)",
                refusal(Files.readAllBytes(signed), List.of(ca)));
    }

    @Test
    void aChangedByteAnywhereIsRefused() throws Exception {
        Path signed = sign("tampered", true);
        byte[] original = Files.readAllBytes(signed);
        PeHeader pe = PeHeader.parse(original).orElseThrow();
        PeHeader.Section text = pe.sections().get(0);
        int[] places = {(int) (text.pointer() + text.size() / 2), 0x80, (int) (pe.certificateTableOffset() + pe.certificateTableSize() - 20)};
        String[] expected = {"digest mismatch", "digest mismatch", "signature"};
        for (int i = 0; i < places.length; i++) {
            byte[] changed = original.clone();
            changed[places[i]] ^= 0x01;
            String reason = refusal(changed, List.of(ca));
            assertTrue(reason.contains(expected[i]), "byte " + places[i] + ": " + reason);
            Path file = work.resolve("changed" + i + ".efi");
            Files.write(file, changed);
            assertTrue(sbverify(file, work.resolve("ca.pem")) != 0, "sbverify accepted byte " + places[i] + " changed");
        }
    }
}
