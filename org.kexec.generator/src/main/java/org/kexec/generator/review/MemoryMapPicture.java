package org.kexec.generator.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.units.Sizes;

/**
 * Draws a boot's physical memory as an SVG picture: the host's ranges (RAM, reserved, ACPI, ...), the low 1 MiB and
 * the crash region, and every planned segment with its address and size, lowest addresses at the top.
 *
 * <p>Memory spans twelve orders of magnitude (a 4 KiB segment in a 64 GiB map), so the picture uses a <em>broken
 * log scale</em>: every address where something starts or ends cuts the address space into bands, and each band is
 * as tall as the logarithm of its size ({@value #MIN_BAND} px for 4 KiB or less, {@value #PER_DOUBLING} px more per
 * doubling). Nothing is too small to see and no band hides another; the picture says so in its caption.
 */
final class MemoryMapPicture {

    static final int MIN_BAND = 18;
    static final int PER_DOUBLING = 4;
    private static final int TOP = 44;
    private static final int ADDRESS_RIGHT = 150;
    private static final int HOST_X = 160;
    private static final int HOST_WIDTH = 190;
    private static final int REGION_X = 360;
    private static final int REGION_WIDTH = 150;
    private static final int SEGMENT_X = 520;
    private static final int SEGMENT_WIDTH = 120;
    private static final int LABEL_X = 650;
    private static final int WIDTH = 1000;
    private static final long LOW_1M_LAST = 0xfffffL;

    /** Something drawn over an address range: both ends inclusive, as memory maps write them. */
    private record Item(long first, long last, String label, String cssClass) {
    }

    private MemoryMapPicture() {
    }

    /**
     * The picture of {@code map} with {@code segments} (none for kexec_file_load, where the kernel places them).
     *
     * @param caption what the map is, e.g. {@code profile qemu-1g}
     */
    static String svg(String caption, MemoryMap map, List<Segment> segments) {
        List<Item> host = new ArrayList<>();
        for (MemoryRange range : map.ranges()) {
            host.add(new Item(range.first(), range.last(), range.name(), "host " + typeClass(range.type())));
        }
        List<Item> regions = new ArrayList<>();
        regions.add(new Item(0, LOW_1M_LAST, "low 1 MiB", "region low"));
        Optional<MemoryRange> crash = map.crashRegion();
        crash.ifPresent(region -> regions.add(new Item(region.first(), region.last(), "crash region", "region crash")));
        List<Item> planned = new ArrayList<>();
        for (Segment segment : segments) {
            planned.add(new Item(segment.mem(), segment.end() - 1, segment.role(), "segment " + segmentClass(segment)));
        }

        TreeSet<Long> cuts = new TreeSet<>(Long::compareUnsigned);
        for (List<Item> column : List.of(host, regions, planned)) {
            for (Item item : column) {
                cuts.add(item.first());
                if (item.last() != -1L) {
                    cuts.add(item.last() + 1);
                }
            }
        }
        List<Long> bounds = new ArrayList<>(cuts);
        int[] tops = new int[bounds.size()];
        int y = TOP;
        for (int i = 0; i < bounds.size(); i++) {
            tops[i] = y;
            if (i + 1 < bounds.size()) {
                y += bandHeight(bounds.get(i + 1) - bounds.get(i));
            }
        }
        int height = y + 30;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memory-map\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\">\n");
        svg.append("<title>").append(Escape.html("Physical memory: " + caption)).append("</title>\n");
        svg.append("<style>text{font:11px monospace;fill:#222}.heading{font-weight:bold}.host.ram{fill:#cfe8cf}")
                .append(".host.reserved{fill:#d9d9d9}.host.acpi{fill:#f3e0b5}.host.nvs{fill:#f0cfb0}.host.persistent{fill:#c9d9f0}")
                .append(".host.other{fill:#eeeeee}.region.low{fill:#e3d9f3}.region.crash{fill:#f6c6c6}")
                .append(".segment{fill:#4a7bd0}.segment.initrd{fill:#5c9e5c}.segment.purgatory{fill:#d08a2e}")
                .append(".segment.built{fill:#8e5ba6}.segment.filler{fill:#9aa5ad}rect{stroke:#555;stroke-width:0.5}")
                .append(".cut{stroke:#bbb;stroke-width:0.5;stroke-dasharray:2 2}</style>\n");
        svg.append(text(ADDRESS_RIGHT, 16, "end", "heading", "address"));
        svg.append(text(HOST_X, 16, "start", "heading", "host memory"));
        svg.append(text(REGION_X, 16, "start", "heading", "regions"));
        svg.append(text(SEGMENT_X, 16, "start", "heading", segments.isEmpty() ? "segments: none planned" : "segments"));
        svg.append(text(HOST_X, 32, "start", "caption", "broken log scale: each band's height grows with the log of its size,"
                + " from 4 KiB (" + MIN_BAND + " px) up; not to scale"));
        for (int i = 0; i < bounds.size(); i++) {
            svg.append("<line class=\"cut\" x1=\"").append(ADDRESS_RIGHT + 4).append("\" y1=\"").append(tops[i]).append("\" x2=\"")
                    .append(LABEL_X - 4).append("\" y2=\"").append(tops[i]).append("\"/>\n");
            svg.append(text(ADDRESS_RIGHT, tops[i] + 4, "end", "address", Sizes.hex(bounds.get(i))));
        }
        column(svg, host, bounds, tops, HOST_X, HOST_WIDTH, true);
        column(svg, regions, bounds, tops, REGION_X, REGION_WIDTH, true);
        column(svg, planned, bounds, tops, SEGMENT_X, SEGMENT_WIDTH, false);
        for (Item item : planned) {
            int top = tops[bounds.indexOf(item.first())];
            int bottom = bottomOf(item, bounds, tops);
            svg.append(text(LABEL_X, (top + bottom) / 2 + 4, "start", "label", item.label() + "  " + Sizes.hex(item.first())
                    + "-" + Sizes.hex(item.last()) + "  " + size(item.last() - item.first() + 1)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A band's height in pixels: logarithmic in its size, {@link #MIN_BAND} for 4 KiB or less. */
    static int bandHeight(long size) {
        int doublings = 63 - Long.numberOfLeadingZeros(size == 0 ? 1 : size);
        if (size < 0) {
            doublings = 64;
        }
        return MIN_BAND + PER_DOUBLING * Math.max(0, doublings - 12);
    }

    /** Approximate binary size for people: {@code 4 KiB}, {@code 10.3 MiB}, {@code 1 GiB}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes >= 0 ? bytes : (bytes >>> 1) * 2.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }

    private static void column(StringBuilder svg, List<Item> items, List<Long> bounds, int[] tops, int x, int width,
                               boolean labelInside) {
        for (Item item : items) {
            int top = tops[bounds.indexOf(item.first())];
            int bottom = bottomOf(item, bounds, tops);
            svg.append("<rect class=\"").append(item.cssClass()).append("\" x=\"").append(x).append("\" y=\"").append(top)
                    .append("\" width=\"").append(width).append("\" height=\"").append(bottom - top).append("\">")
                    .append("<title>").append(Escape.html(item.label() + " " + Sizes.hex(item.first()) + "-" + Sizes.hex(item.last())))
                    .append("</title></rect>\n");
            if (labelInside) {
                String label = item.label() + " (" + size(item.last() - item.first() + 1) + ")";
                svg.append(text(x + 4, (top + bottom) / 2 + 4, "start", "label", clip(label, width * 10 / 67)));
            }
        }
    }

    /** Where an item's last byte ends: the top of the band after it, or the picture's last line. */
    private static int bottomOf(Item item, List<Long> bounds, int[] tops) {
        int after = item.last() == -1L ? -1 : bounds.indexOf(item.last() + 1);
        return after < 0 ? tops[tops.length - 1] : tops[after];
    }

    private static String text(int x, int y, String anchor, String cssClass, String content) {
        return "<text class=\"" + cssClass + "\" x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">"
                + Escape.html(content) + "</text>\n";
    }

    private static String clip(String text, int characters) {
        return text.length() <= characters ? text : text.substring(0, Math.max(1, characters - 1)) + "…";
    }

    private static String typeClass(MemoryType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String segmentClass(Segment segment) {
        if (segment.filler()) {
            return "filler";
        }
        if (segment.role().startsWith("initrd")) {
            return "initrd";
        }
        if (segment.role().startsWith("kernel")) {
            return "kernel"; // a bzImage's one segment, or a PVH boot's PT_LOADs
        }
        return segment.purgatory() ? "purgatory" : "built";
    }
}
