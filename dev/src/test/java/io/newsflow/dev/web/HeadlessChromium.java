package io.newsflow.dev.web;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, given explicitly so Selenium Manager never downloads anything,
 * with a throw-away profile and no background traffic.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * @param profile the browser's user-data directory (the caller deletes it)
     * @param environment variables the browser inherits (TZ, say)
     */
    static WebDriver start(Path profile, int width, int height, Map<String, String> environment) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(LatestNewsPageIT.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--force-device-scale-factor=1",
            "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(LatestNewsPageIT.CHROMEDRIVER))
            .usingAnyFreePort()
            .withEnvironment(environment)
            .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }
}
