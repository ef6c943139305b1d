package org.kexec.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Review pages in a real browser: Debian's Chromium, headless, driven through Debian's chromedriver. Each bundled
 * example's page renders its SVG memory map (the rectangles and their sizes read from the DOM, every band at least
 * {@code MIN_BAND} pixels tall, no two segment labels overlapping) and is photographed into
 * {@code target/review-screenshots/}; a spec whose command line carries markup shows it as text and runs nothing.
 */
class ReviewPagesInBrowserTest {

    private static final Path SCREENSHOTS = ReviewRun.EXAMPLES.resolve("target/review-screenshots");
    private static final int PAGE_WIDTH = 1200;
    private static final String HOSTILE = "<script>document.title='pwned'</script> \\\" & <img src=x onerror=alert(1)>";

    @TempDir
    static Path temporary;

    private static Path pages;
    private static ChromeDriver browser;

    @BeforeAll
    static void reviewAndStartTheBrowser() throws Exception {
        Path root = ReviewRun.hostRoot(temporary.resolve("root"));
        pages = temporary.resolve("review");
        ReviewRun.Result examples = ReviewRun.review(ReviewRun.EXAMPLES, pages, root);
        assertEquals(0, examples.status(), examples.output());
        Path hostile = temporary.resolve("hostile");
        Files.createDirectories(hostile);
        Files.writeString(hostile.resolve("hostile.kboot"), Files.readString(ReviewRun.EXAMPLES.resolve("probe-smoke-test.kboot"))
                .replace("package fleet.smoke", "package fleet.hostile").replace("\"kboot.smoke=1\"", "\"" + HOSTILE + "\""));
        ReviewRun.Result review = ReviewRun.review(hostile, pages.resolve("hostile"), root);
        assertEquals(0, review.status(), review.output());

        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + temporary.resolve("chromium"));
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyExamplePageDrawsItsMemoryMap() throws Exception {
        Map<String, Integer> segments = Map.of("fleet.kdump.crash_kernel", 6, "fleet.lab.lab_kernel", 4,
                "fleet.lab.lab_kernel_debug", 4, "fleet.reboot.fast_reboot", 4, "fleet.smoke.probe_boot", 3, "fleet.xen.xen_crash", 7);
        for (Map.Entry<String, Integer> boot : segments.entrySet()) {
            open(pages.resolve(boot.getKey() + ".html"));
            assertEquals("kboot review: " + boot.getKey(), browser.getTitle());
            assertEquals(0L, script("return document.scripts.length"), "no scripts on " + boot.getKey());
            assertEquals((long) boot.getValue(), script("return document.querySelectorAll('svg.memory-map rect.segment').length"));
            String html = Files.readString(pages.resolve(boot.getKey() + ".html"));
            long rectsInFile = html.split("<rect ", -1).length - 1;
            assertEquals(rectsInFile, script("return document.querySelectorAll('svg.memory-map rect').length"), boot.getKey());
            // The SVG is laid out at the size it declares, and every rectangle is at least one band tall.
            assertEquals(script("return document.querySelector('svg.memory-map').getAttribute('height') * 1"),
                    script("return Math.round(document.querySelector('svg.memory-map').getBoundingClientRect().height)"));
            assertEquals(1000L, script("return Math.round(document.querySelector('svg.memory-map').getBoundingClientRect().width)"));
            assertEquals(0L, script("return [...document.querySelectorAll('svg.memory-map rect')]"
                    + ".filter(r => r.getBoundingClientRect().height < 18).length"), boot.getKey() + ": a rectangle under 18 px");
            assertEquals(0L, script("const labels = [...document.querySelectorAll('svg.memory-map text.label')]"
                    + ".filter(t => t.getAttribute('x') === '650').map(t => t.getBoundingClientRect());"
                    + "let overlaps = 0; for (let i = 1; i < labels.length; i++) { if (labels[i].top < labels[i - 1].bottom - 0.5) overlaps++; }"
                    + "return overlaps"), boot.getKey() + ": overlapping segment labels");
            BufferedImage shot = screenshot(boot.getKey());
            assertEquals(PAGE_WIDTH, shot.getWidth());
        }
    }

    @Test
    void markupInASpecIsShownAsTextAndRunsNothing() throws Exception {
        open(pages.resolve("hostile/fleet.hostile.probe_boot.html"));
        screenshot("fleet.hostile.probe_boot");
        assertEquals("kboot review: fleet.hostile.probe_boot", browser.getTitle());
        assertEquals(0L, script("return document.scripts.length"));
        assertEquals(0L, script("return document.images.length"));
        String hostile = HOSTILE.replace("\\\"", "\"");
        assertEquals(hostile, script("return document.querySelector('pre').textContent"));
        String markdown = Files.readString(pages.resolve("hostile/fleet.hostile.probe_boot.md"));
        assertTrue(markdown.contains("| cmdline | `\"" + hostile + "\"` |"), "the Markdown shows it as a code span");
    }

    private static void open(Path page) {
        browser.manage().window().setSize(new Dimension(PAGE_WIDTH, 800));
        browser.get(page.toUri().toString());
        long height = (Long) script("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(PAGE_WIDTH, (int) height));
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /** A screenshot of the whole page, kept in target/review-screenshots/. */
    private static BufferedImage screenshot(String name) throws Exception {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
