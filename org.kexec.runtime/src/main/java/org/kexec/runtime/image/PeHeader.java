package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.units.Sizes;

/**
 * The PE/COFF headers of an EFI-stub kernel, as far as Authenticode needs them: where the optional header's
 * CheckSum is, and where the certificate table (data directory 4, whose "virtual address" is a file offset) is.
 * Layout per the PE format specification and Linux's crypto/asymmetric_keys/verify_pefile.c.
 *
 * @param peOffset               file offset of the "PE\0\0" signature (e_lfanew)
 * @param machine                COFF machine (0x8664 for x86-64)
 * @param optionalHeaderMagic    0x10b (PE32) or 0x20b (PE32+)
 * @param checksumOffset         file offset of the optional header's CheckSum
 * @param certificateDirectory   file offset of data directory 4 (the certificate table's entry)
 * @param certificateTableOffset file offset of the certificate table, 0 when there is none
 * @param certificateTableSize   its size in bytes, 0 when there is none
 * @param sizeOfHeaders          bytes of all headers, section table included (the optional header's SizeOfHeaders)
 * @param sections               {@code [PointerToRawData, SizeOfRawData]} of each section, in table order
 */
public record PeHeader(int peOffset, int machine, int optionalHeaderMagic, int checksumOffset,
                       int certificateDirectory, long certificateTableOffset, long certificateTableSize,
                       long sizeOfHeaders, List<PeHeader.Section> sections) {

    /**
     * One section of the section table.
     *
     * @param name        its name, up to 8 characters ({@code .text}, {@code .linux})
     * @param virtualSize its size in memory, which for systemd-stub's sections is the size of their contents
     * @param pointer     where its data starts in the file (PointerToRawData)
     * @param size        its data's size in the file (SizeOfRawData, a multiple of the file alignment)
     */
    public record Section(String name, long virtualSize, long pointer, long size) {
    }

    private static final int SECTION_HEADER_SIZE = 40;

    public static final int PE32 = 0x10b;
    public static final int PE32_PLUS = 0x20b;
    private static final int MZ = 0x5a4d;
    private static final int PE_SIGNATURE = 0x00004550;
    private static final int COFF_HEADER_SIZE = 20;
    private static final int SECURITY_DIRECTORY = 4;

    /**
     * Parses the PE headers of an image.
     *
     * @return empty when the image has no "MZ" header (a kernel built without the EFI stub)
     * @throws ImageFormatException when an MZ image has broken PE headers or a certificate table outside the file
     */
    public static Optional<PeHeader> parse(byte[] image) throws ImageFormatException {
        if (image.length < 0x40) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(bytes.getShort(0)) != MZ) {
            return Optional.empty();
        }
        long peOffset = Integer.toUnsignedLong(bytes.getInt(0x3c));
        if (peOffset + 4 + COFF_HEADER_SIZE + 2 > image.length) {
            throw new ImageFormatException("e_lfanew", "points to " + Sizes.hex(peOffset) + ", past the end of the "
                    + image.length + "-byte file.");
        }
        int pe = (int) peOffset;
        if (bytes.getInt(pe) != PE_SIGNATURE) {
            throw new ImageFormatException("PE signature", "no \"PE\\0\\0\" at " + Sizes.hex(pe) + " (e_lfanew).");
        }
        int machine = Short.toUnsignedInt(bytes.getShort(pe + 4));
        int optionalSize = Short.toUnsignedInt(bytes.getShort(pe + 20));
        int optional = pe + 4 + COFF_HEADER_SIZE;
        int magic = Short.toUnsignedInt(bytes.getShort(optional));
        if (magic != PE32 && magic != PE32_PLUS) {
            throw new ImageFormatException("optional header magic", "is " + Sizes.hex(magic) + ", neither PE32 (0x10b)"
                    + " nor PE32+ (0x20b).");
        }
        int directories = optional + (magic == PE32 ? 96 : 112);
        int countOffset = directories - 4;
        int certificateDirectory = directories + SECURITY_DIRECTORY * 8;
        if (certificateDirectory + 8 > Math.min(image.length, optional + optionalSize)) {
            throw new ImageFormatException("data directories", "the optional header (" + optionalSize
                    + " bytes at " + Sizes.hex(optional) + ") has no room for the certificate table's entry.");
        }
        long count = Integer.toUnsignedLong(bytes.getInt(countOffset));
        long tableOffset = 0;
        long tableSize = 0;
        if (count > SECURITY_DIRECTORY) {
            tableOffset = Integer.toUnsignedLong(bytes.getInt(certificateDirectory));
            tableSize = Integer.toUnsignedLong(bytes.getInt(certificateDirectory + 4));
            if (tableSize != 0 && tableOffset + tableSize > image.length) {
                throw new ImageFormatException("certificate table", Sizes.hex(tableOffset) + "+" + Sizes.hex(tableSize)
                        + " ends past the end of the " + image.length + "-byte file.");
            }
        }
        long sizeOfHeaders = Integer.toUnsignedLong(bytes.getInt(optional + 60));
        int sectionCount = Short.toUnsignedInt(bytes.getShort(pe + 6));
        int sectionTable = optional + optionalSize;
        if ((long) sectionTable + (long) sectionCount * SECTION_HEADER_SIZE > image.length) {
            throw new ImageFormatException("section table", sectionCount + " sections at " + Sizes.hex(sectionTable)
                    + " end past the end of the " + image.length + "-byte file.");
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < sectionCount; i++) {
            int header = sectionTable + i * SECTION_HEADER_SIZE;
            long size = Integer.toUnsignedLong(bytes.getInt(header + 16));
            long pointer = Integer.toUnsignedLong(bytes.getInt(header + 20));
            if (size != 0 && pointer + size > image.length) {
                throw new ImageFormatException("section " + i, "its data at " + Sizes.hex(pointer) + "+" + Sizes.hex(size)
                        + " ends past the end of the " + image.length + "-byte file.");
            }
            int nameLength = 0;
            while (nameLength < 8 && image[header + nameLength] != 0) {
                nameLength++;
            }
            String name = new String(image, header, nameLength, java.nio.charset.StandardCharsets.US_ASCII);
            sections.add(new Section(name, Integer.toUnsignedLong(bytes.getInt(header + 8)), pointer, size));
        }
        return Optional.of(new PeHeader(pe, machine, magic, optional + 64, certificateDirectory,
                tableSize == 0 ? 0 : tableOffset, tableSize, sizeOfHeaders, List.copyOf(sections)));
    }

    /** True when the image carries an Authenticode certificate table. */
    public boolean signed() {
        return certificateTableSize != 0;
    }
}
