package org.kexec.runtime.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.PeHeader;
import org.kexec.runtime.units.Sizes;

/**
 * Verifies the Authenticode signature of an EFI-stub kernel in user space, as Linux's verify_pefile.c and shim do:
 * the PKCS#7 SignedData in the PE certificate table must hold an SpcIndirectDataContent whose digest equals the
 * image's Authenticode digest, its signature must verify, and its signer must chain to one of the trust anchors
 * (directly or through a certificate the signature carries) and, if it names extended key usages, allow code
 * signing. Validity dates are not checked, as shim does not: firmware has no trusted clock.
 */
public final class Authenticode {

    /** SPC_INDIRECT_DATA_OBJID: the content type of Authenticode signatures. */
    static final ASN1ObjectIdentifier SPC_INDIRECT_DATA = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.1.4");
    static final int WIN_CERT_REVISION_2_0 = 0x0200;
    static final int WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;

    /**
     * A signature that verified.
     *
     * @param signer     the signer's subject
     * @param anchor     the subject of the trust anchor it chains to
     * @param algorithm  the digest algorithm of the image digest
     */
    public record Verified(String signer, String anchor, String algorithm) {
    }

    private Authenticode() {
    }

    /**
     * @throws SignatureVerificationException saying why no signature of the image verifies against the anchors
     */
    public static Verified verify(byte[] image, List<X509Certificate> anchors) throws SignatureVerificationException {
        PeHeader pe;
        try {
            pe = PeHeader.parse(image).orElseThrow(() -> new SignatureVerificationException(
                    "not an EFI-stub (PE) image, so it carries no signature"));
        } catch (ImageFormatException e) {
            throw new SignatureVerificationException("broken PE headers: " + e.getMessage());
        }
        if (!pe.signed()) {
            throw new SignatureVerificationException("unsigned: the PE certificate table is empty");
        }
        checkLayout(image, pe);
        List<String> reasons = new ArrayList<>();
        for (byte[] signature : signatures(image, pe)) {
            try {
                return verifyOne(image, pe, signature, anchors);
            } catch (SignatureVerificationException e) {
                reasons.add(e.getMessage());
            }
        }
        throw new SignatureVerificationException(reasons.size() == 1 ? reasons.get(0)
                : "none of the " + reasons.size() + " signatures verifies: " + String.join("; ", reasons));
    }

    /** The PKCS#7 blobs of the certificate table's WIN_CERTIFICATE entries, each 8-byte aligned. */
    static List<byte[]> signatures(byte[] image, PeHeader pe) throws SignatureVerificationException {
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        long offset = pe.certificateTableOffset();
        long end = offset + pe.certificateTableSize();
        List<byte[]> found = new ArrayList<>();
        while (offset + 8 <= end) {
            long length = Integer.toUnsignedLong(bytes.getInt((int) offset));
            int revision = Short.toUnsignedInt(bytes.getShort((int) offset + 4));
            int type = Short.toUnsignedInt(bytes.getShort((int) offset + 6));
            if (length < 8 || offset + length > end) {
                throw new SignatureVerificationException("certificate table: the entry at " + Sizes.hex(offset) + " claims "
                        + length + " bytes, which overrun the table's " + pe.certificateTableSize());
            }
            if (revision == WIN_CERT_REVISION_2_0 && type == WIN_CERT_TYPE_PKCS_SIGNED_DATA) {
                found.add(Arrays.copyOfRange(image, (int) offset + 8, (int) (offset + length)));
            }
            offset += Sizes.alignUp(length, 8);
        }
        if (found.isEmpty()) {
            throw new SignatureVerificationException("certificate table holds no PKCS#7 signature (WIN_CERT_TYPE_PKCS_SIGNED_DATA)");
        }
        return found;
    }

    private static Verified verifyOne(byte[] image, PeHeader pe, byte[] pkcs7, List<X509Certificate> anchors)
            throws SignatureVerificationException {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(pkcs7);
        } catch (CMSException | RuntimeException e) {
            throw new SignatureVerificationException("the signature is not a PKCS#7 SignedData: " + e.getMessage());
        }
        if (!SPC_INDIRECT_DATA.getId().equals(signed.getSignedContentTypeOID())) {
            throw new SignatureVerificationException("the signature signs " + signed.getSignedContentTypeOID()
                    + ", not Authenticode's SpcIndirectDataContent");
        }
        DigestInfo signedDigest = spcDigest(signed);
        String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(signedDigest.getAlgorithmId().getAlgorithm());
        byte[] actual = imageDigest(image, pe, algorithm);
        if (!MessageDigest.isEqual(actual, signedDigest.getDigest())) {
            throw new SignatureVerificationException("digest mismatch: the image's " + algorithm + " Authenticode digest is "
                    + HexFormat.of().formatHex(actual) + ", but the signature covers " + HexFormat.of().formatHex(signedDigest.getDigest())
                    + ": the image was changed after it was signed");
        }
        try {
            return verifySigner(signed, algorithm, anchors);
        } catch (RuntimeException e) {
            // BouncyCastle reports malformed ASN.1 inside SignerInfos and certificates with unchecked exceptions.
            throw new SignatureVerificationException("the signature's signer information is malformed: " + e);
        }
    }

    /** Verifies the one SignerInfo with the certificate the signature carries, and chains that to the anchors. */
    private static Verified verifySigner(CMSSignedData signed, String algorithm, List<X509Certificate> anchors)
            throws SignatureVerificationException {
        var signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new SignatureVerificationException("the signature has " + signers.size()
                    + " signers; Authenticode has exactly one");
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        var matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new SignatureVerificationException("the signature carries no certificate of its signer");
        }
        X509CertificateHolder signerCertificate = (X509CertificateHolder) matches.iterator().next();
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate))) {
                throw new SignatureVerificationException("the PKCS#7 signature does not verify with " + signerCertificate.getSubject());
            }
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new SignatureVerificationException("the PKCS#7 signature does not verify: " + e.getMessage());
        }
        checkCodeSigning(signerCertificate);
        return new Verified(signerCertificate.getSubject().toString(), chain(signerCertificate, signed, anchors), algorithm);
    }

    /** The DigestInfo of the signed SpcIndirectDataContent {data, messageDigest}. */
    private static DigestInfo spcDigest(CMSSignedData signed) throws SignatureVerificationException {
        try {
            Object content = signed.getSignedContent().getContent();
            ASN1Sequence spc = ASN1Sequence.getInstance(content);
            return DigestInfo.getInstance(spc.getObjectAt(1));
        } catch (RuntimeException e) {
            throw new SignatureVerificationException("the SpcIndirectDataContent is malformed: " + e.getMessage());
        }
    }

    /**
     * The Authenticode digest: the headers without CheckSum and the certificate-table entry, each section's raw
     * data in file order, then whatever follows the last section except the certificate table.
     */
    static byte[] imageDigest(byte[] image, PeHeader pe, String algorithm) throws SignatureVerificationException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new SignatureVerificationException("the signature uses " + algorithm + ", which this JRE cannot compute");
        }
        int headers = (int) pe.sizeOfHeaders();
        DigestFeed.update(digest, ByteBuffer.wrap(image, 0, pe.checksumOffset()));
        DigestFeed.update(digest, ByteBuffer.wrap(image, pe.checksumOffset() + 4, pe.certificateDirectory() - pe.checksumOffset() - 4));
        DigestFeed.update(digest, ByteBuffer.wrap(image, pe.certificateDirectory() + 8, headers - pe.certificateDirectory() - 8));
        long hashed = headers;
        for (PeHeader.Section section : sectionsInFileOrder(pe)) {
            DigestFeed.update(digest, ByteBuffer.wrap(image, (int) section.pointer(), (int) section.size()));
            hashed += section.size();
        }
        long trailing = image.length - hashed - pe.certificateTableSize();
        if (trailing > 0) {
            DigestFeed.update(digest, ByteBuffer.wrap(image, (int) hashed, (int) trailing));
        }
        return digest.digest();
    }

    /**
     * Checks the layout the digest relies on: headers that hold the certificate-table entry, sections that neither
     * overlap the headers nor each other, and a certificate table after all of them (where signing tools append it).
     * Without these, a hostile image could make the digest skip or repeat bytes.
     */
    private static void checkLayout(byte[] image, PeHeader pe) throws SignatureVerificationException {
        long headers = pe.sizeOfHeaders();
        if (headers < pe.certificateDirectory() + 8 || headers > image.length) {
            throw new SignatureVerificationException("SizeOfHeaders is " + Sizes.hex(headers) + ", which must cover the"
                    + " certificate table's entry (up to " + Sizes.hex(pe.certificateDirectory() + 8) + ") and stay within the "
                    + image.length + "-byte file");
        }
        long end = headers;
        for (PeHeader.Section section : sectionsInFileOrder(pe)) {
            if (section.pointer() < end) {
                throw new SignatureVerificationException("the section at " + Sizes.hex(section.pointer()) + " overlaps the headers or"
                        + " the section before it (which end at " + Sizes.hex(end) + ")");
            }
            end = section.pointer() + section.size();
        }
        if (pe.certificateTableOffset() < end) {
            throw new SignatureVerificationException("the certificate table at " + Sizes.hex(pe.certificateTableOffset())
                    + " overlaps the headers or sections (which end at " + Sizes.hex(end) + "): it must follow them");
        }
    }

    /** The sections that have file data, by file offset. */
    private static List<PeHeader.Section> sectionsInFileOrder(PeHeader pe) {
        return pe.sections().stream().filter(s -> s.size() != 0).sorted(Comparator.comparingLong(PeHeader.Section::pointer)).toList();
    }

    private static void checkCodeSigning(X509CertificateHolder certificate) throws SignatureVerificationException {
        Extension usage = certificate.getExtension(Extension.extendedKeyUsage);
        if (usage != null && !ExtendedKeyUsage.getInstance(usage.getParsedValue()).hasKeyPurposeId(KeyPurposeId.id_kp_codeSigning)) {
            throw new SignatureVerificationException(certificate.getSubject() + " is not for code signing: its extended key"
                    + " usage lacks codeSigning (1.3.6.1.5.5.7.3.3)");
        }
    }

    /** The anchor {@code signer} chains to, directly or through one certificate the signature carries. */
    private static String chain(X509CertificateHolder signer, CMSSignedData signed, List<X509Certificate> anchors)
            throws SignatureVerificationException {
        List<X509CertificateHolder> candidates = new ArrayList<>();
        candidates.add(signer);
        @SuppressWarnings("unchecked")
        var carried = signed.getCertificates().getMatches(null);
        for (Object certificate : carried) {
            if (((X509CertificateHolder) certificate).getSubject().equals(signer.getIssuer())) {
                candidates.add((X509CertificateHolder) certificate);
            }
        }
        for (X509Certificate anchor : anchors) {
            try {
                JcaX509CertificateHolder anchorHolder = new JcaX509CertificateHolder(anchor);
                for (X509CertificateHolder candidate : candidates) {
                    if (candidate.equals(anchorHolder)) {
                        return anchorHolder.getSubject().toString();
                    }
                    boolean issuedByAnchor = candidate.getIssuer().equals(anchorHolder.getSubject())
                            && candidate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(anchor));
                    boolean linksSigner = candidate == signer || signer.isSignatureValid(
                            new JcaContentVerifierProviderBuilder().build(candidate));
                    if (issuedByAnchor && linksSigner) {
                        return anchorHolder.getSubject().toString();
                    }
                }
            } catch (java.security.cert.CertificateException | OperatorCreationException | CertException e) {
                throw new SignatureVerificationException("cannot check the chain to " + anchor.getSubjectX500Principal() + ": " + e.getMessage());
            }
        }
        List<String> names = anchors.stream().map(a -> a.getSubjectX500Principal().getName()).toList();
        throw new SignatureVerificationException("signed by " + signer.getSubject() + " (issuer " + signer.getIssuer()
                + "), which does not chain to " + (names.isEmpty() ? "any trust anchor: the spec names none" : "the trust anchors " + names));
    }
}
