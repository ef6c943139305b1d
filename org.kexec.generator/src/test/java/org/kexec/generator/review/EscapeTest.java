package org.kexec.generator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text from specs is inert in HTML, SVG and Markdown: exact escapes for each character that means something there. */
class EscapeTest {

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;", Escape.html("<script>alert(\"x\" & 'y')</script>"));
        assertEquals("console=ttyS0,115200", Escape.html("console=ttyS0,115200"));
    }

    @Test
    void markdownProseEscapesWhatStartsInlineConstructs() {
        assertEquals("\\<img src=x\\> \\*bold\\* \\_x\\_ \\[link\\](u) \\`code\\` a \\| b \\&amp; \\~\\~s\\~\\~ \\# h \\\\",
                Escape.markdown("<img src=x> *bold* _x_ [link](u) `code` a | b &amp; ~~s~~ # h \\"));
        assertEquals("\\- not a list item", Escape.markdown("- not a list item"));
        assertEquals("one line", Escape.markdown("one\nline"));
    }

    @Test
    void codeSpansAreLongerThanTheirBackticksAndPadded() {
        assertEquals("`root=/dev/vda1`", Escape.code("root=/dev/vda1"));
        assertEquals("``a`b``", Escape.code("a`b"));
        assertEquals("`` `x ``", Escape.code("`x"));
        assertEquals("```` ```x``` ````", Escape.code("```x```"));
        assertEquals("`  a  `", Escape.code(" a "), "CommonMark strips one space from each side");
        assertEquals("`a`", Escape.code("a"));
        assertEquals("`a \\| b`", Escape.cellCode("a | b"));
        assertEquals("`a | b`", Escape.code("a | b"));
    }
}
