package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An x86-64 ELF kernel ({@code vmlinux}, alone or inside a bzImage's payload) as far as a loader needs it: its type and
 * entry, its loadable segments with their physical addresses, and its notes, among them Xen's
 * {@code XEN_ELFNOTE_PHYS32_ENTRY} (the PVH entry). Parsed with the same care as the bzImage header: every count, offset
 * and size is checked against the file before it is used, so a damaged or hostile file is one
 * {@link ImageFormatException} naming the field, never an exception of another kind.
 */
public final class ElfImage {

    /** ET_EXEC and ET_DYN: the kinds of ELF file a kernel is. */
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    /** EM_X86_64. */
    public static final int EM_X86_64 = 62;
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;
    /** Xen's note type for the 32-bit PVH entry point (public/elfnote.h). */
    public static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;
    /** More program headers than any kernel has: a bound on what a hostile file makes kboot read. */
    static final int MAX_PROGRAM_HEADERS = 64;
    private static final int HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;

    /**
     * One program header.
     *
     * @param type     PT_LOAD, PT_NOTE, ...
     * @param offset   where its bytes start in the file
     * @param vaddr    virtual address
     * @param paddr    physical address, where a loader places it
     * @param filesz   bytes in the file
     * @param memsz    bytes in memory (the rest zeroed)
     * @param flags    PF_R, PF_W, PF_X
     */
    public record Segment(int type, long offset, long vaddr, long paddr, long filesz, long memsz, int flags) {
    }

    /**
     * One note: its owner ({@code Xen}, {@code Linux}, {@code GNU}), type and descriptor bytes.
     */
    public record Note(String name, int type, byte[] descriptor) {
    }

    private final int type;
    private final long entry;
    private final List<Segment> segments;
    private final List<Note> notes;

    private ElfImage(int type, long entry, List<Segment> segments, List<Note> notes) {
        this.type = type;
        this.entry = entry;
        this.segments = List.copyOf(segments);
        this.notes = List.copyOf(notes);
    }

    /** True when {@code bytes} start with the ELF magic. */
    public static boolean isElf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    /** Parses an x86-64 ELF64 kernel. */
    public static ElfImage parse(byte[] bytes) throws ImageFormatException {
        if (bytes.length < HEADER_SIZE) {
            throw new ImageFormatException("ELF header", "the file has " + bytes.length + " bytes, fewer than the 64 an ELF64"
                    + " header needs");
        }
        if (!isElf(bytes)) {
            throw new ImageFormatException("e_ident", "no ELF magic (7f 45 4c 46) at offset 0");
        }
        if (bytes[4] != 2) {
            throw new ImageFormatException("e_ident[EI_CLASS]", "" + bytes[4] + ", not ELFCLASS64 (2): kboot boots 64-bit kernels");
        }
        if (bytes[5] != 1) {
            throw new ImageFormatException("e_ident[EI_DATA]", "" + bytes[5] + ", not little-endian (1) as x86-64 is");
        }
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(elf.getShort(16));
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ImageFormatException("e_type", "" + type + ", not an executable (2) or a position-independent one (3)");
        }
        int machine = Short.toUnsignedInt(elf.getShort(18));
        if (machine != EM_X86_64) {
            throw new ImageFormatException("e_machine", "" + machine + ", not x86-64 (62)");
        }
        long entry = elf.getLong(24);
        long phoff = elf.getLong(32);
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int phnum = Short.toUnsignedInt(elf.getShort(56));
        if (phnum == 0) {
            throw new ImageFormatException("e_phnum", "0 program headers: nothing to load");
        }
        if (phnum > MAX_PROGRAM_HEADERS) {
            throw new ImageFormatException("e_phnum", "" + phnum + " program headers, more than the " + MAX_PROGRAM_HEADERS
                    + " any kernel has");
        }
        if (phentsize != PROGRAM_HEADER_SIZE) {
            throw new ImageFormatException("e_phentsize", "" + phentsize + ", not the 56 bytes of an ELF64 program header");
        }
        if (phoff < 0 || phoff > bytes.length || (long) phnum * PROGRAM_HEADER_SIZE > bytes.length - phoff) {
            throw new ImageFormatException("e_phoff", "the program headers at " + hex(phoff) + " (" + phnum + " of 56 bytes)"
                    + " end past the file's " + bytes.length + " bytes");
        }
        List<Segment> segments = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * PROGRAM_HEADER_SIZE;
            Segment segment = new Segment(elf.getInt(at), elf.getLong(at + 8), elf.getLong(at + 16), elf.getLong(at + 24),
                    elf.getLong(at + 32), elf.getLong(at + 40), elf.getInt(at + 4));
            String which = "program header " + i;
            if (segment.type() == PT_LOAD || segment.type() == PT_NOTE) {
                if (segment.offset() < 0 || segment.filesz() < 0 || segment.offset() > bytes.length
                        || segment.filesz() > bytes.length - segment.offset()) {
                    throw new ImageFormatException(which, "p_offset " + hex(segment.offset()) + " + p_filesz "
                            + hex(segment.filesz()) + " end past the file's " + bytes.length + " bytes");
                }
            }
            if (segment.type() == PT_LOAD) {
                if (Long.compareUnsigned(segment.filesz(), segment.memsz()) > 0) {
                    throw new ImageFormatException(which, "p_filesz " + hex(segment.filesz()) + " is more than p_memsz "
                            + hex(segment.memsz()));
                }
                if (Long.compareUnsigned(segment.paddr() + segment.memsz(), segment.paddr()) < 0) {
                    throw new ImageFormatException(which, "p_paddr " + hex(segment.paddr()) + " + p_memsz "
                            + hex(segment.memsz()) + " wraps around the address space");
                }
                segments.add(segment);
            } else if (segment.type() == PT_NOTE) {
                notes.addAll(notes(bytes, segment, which));
            }
        }
        if (segments.isEmpty()) {
            throw new ImageFormatException("program headers", "no PT_LOAD segment: nothing to load");
        }
        for (int i = 0; i < segments.size(); i++) {
            for (int j = i + 1; j < segments.size(); j++) {
                Segment a = segments.get(i);
                Segment b = segments.get(j);
                if (Long.compareUnsigned(a.paddr(), b.paddr() + b.memsz()) < 0
                        && Long.compareUnsigned(b.paddr(), a.paddr() + a.memsz()) < 0 && a.memsz() > 0 && b.memsz() > 0) {
                    throw new ImageFormatException("program headers", "the PT_LOAD segments at physical " + hex(a.paddr()) + " and "
                            + hex(b.paddr()) + " overlap");
                }
            }
        }
        return new ElfImage(type, entry, segments, notes);
    }

    /** The notes of one PT_NOTE segment: each a 12-byte header, a name and a descriptor, both padded to 4 bytes. */
    private static List<Note> notes(byte[] bytes, Segment segment, String which) throws ImageFormatException {
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Note> notes = new ArrayList<>();
        long at = segment.offset();
        long end = segment.offset() + segment.filesz();
        while (end - at >= 12) {
            long namesz = Integer.toUnsignedLong(elf.getInt((int) at));
            long descsz = Integer.toUnsignedLong(elf.getInt((int) at + 4));
            int type = elf.getInt((int) at + 8);
            long name = at + 12;
            long descriptor = name + align4(namesz);
            long next = descriptor + align4(descsz);
            if (next > end) {
                throw new ImageFormatException(which, "the note at file offset " + hex(at) + " (name " + namesz
                        + " bytes, descriptor " + descsz + " bytes) ends past its PT_NOTE segment");
            }
            String owner = new String(bytes, (int) name, (int) Math.max(0, namesz - 1), java.nio.charset.StandardCharsets.US_ASCII);
            byte[] desc = java.util.Arrays.copyOfRange(bytes, (int) descriptor, (int) (descriptor + descsz));
            notes.add(new Note(owner, type, desc));
            at = next;
        }
        return notes;
    }

    private static long align4(long value) {
        return (value + 3) & ~3L;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** ET_EXEC or ET_DYN. */
    public int type() {
        return type;
    }

    public long entry() {
        return entry;
    }

    /** The PT_LOAD segments, in file order. */
    public List<Segment> loadSegments() {
        return segments;
    }

    public List<Note> notes() {
        return notes;
    }

    /** The 32-bit PVH entry point Xen's note publishes, if the kernel has one. */
    public Optional<Long> pvhEntry() {
        for (Note note : notes) {
            if (note.name().equals("Xen") && note.type() == XEN_ELFNOTE_PHYS32_ENTRY
                    && (note.descriptor().length == 4 || note.descriptor().length == 8)) {
                ByteBuffer desc = ByteBuffer.wrap(note.descriptor()).order(ByteOrder.LITTLE_ENDIAN);
                return Optional.of(note.descriptor().length == 4 ? Integer.toUnsignedLong(desc.getInt(0)) : desc.getLong(0));
            }
        }
        return Optional.empty();
    }
}
