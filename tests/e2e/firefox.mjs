// The one way this project starts Firefox (the second engine of the e2e suite): Debian's
// /usr/bin/firefox-esr (or $FIREFOX), headless, through WebDriver BiDi with puppeteer-core,
// never a downloaded browser; puppeteer makes a fresh temporary profile each launch.
import puppeteer from "puppeteer-core";

export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

/** Launches headless Firefox with no traffic of its own (updates, telemetry, safe browsing). */
export function launchFirefox() {
  return puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    timeout: 60_000,
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "browser.safebrowsing.malware.enabled": false,
      "browser.safebrowsing.phishing.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
    },
  });
}
