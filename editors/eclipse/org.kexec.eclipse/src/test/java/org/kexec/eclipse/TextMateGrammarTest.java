package org.kexec.eclipse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The TextMate grammar VS Code uses, applied as the Eclipse editor applies it. */
class TextMateGrammarTest {

    @Test
    void scopesEachPartOfASpecAsTextMateWould() {
        String text = """
                // boot "x" is not a boot here
                boot crash_kernel extends base {
                    cmdline { "console=ttyS0 // not a comment" }
                    console serial 0x3f8 baud 115200
                    registers { rsi = boot_params }
                    /* a block
                       comment */ hash sha256
                }
                """;
        List<String> tokens = TextMateGrammar.kboot().tokenize(text).stream()
                .map(token -> text.substring(token.offset(), token.offset() + token.length()) + " " + token.scope()).toList();
        assertEquals(List.of(
                "// boot \"x\" is not a boot here comment.line.double-slash.kboot",
                "boot keyword.declaration.kboot",
                "crash_kernel entity.name.type.kboot",
                "extends punctuation.kboot",
                "cmdline keyword.other.kboot",
                "\"console=ttyS0 // not a comment\" string.quoted.double.kboot",
                "console keyword.other.kboot",
                "serial keyword.other.kboot",
                "0x3f8 constant.numeric.hex.kboot",
                "baud keyword.other.kboot",
                "115200 constant.numeric.size.kboot",
                "registers keyword.other.kboot",
                "rsi variable.other.register.kboot",
                "boot_params variable.language.kboot",
                "/* a block\n       comment */ comment.block.kboot",
                "hash keyword.other.kboot",
                "sha256 constant.language.kboot"), tokens);
    }
}
