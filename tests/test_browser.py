"""The course in a real browser: JupyterLab on 127.0.0.1 driven by headless Chromium
(Debian's chromium and chromedriver, installed by .ci/run). A student opens the
kernels release and runs all cells; an instructor opens formgrader. Screenshots go
to test-output/browser/ for a person to look at."""
from pathlib import Path

import pytest

from conftest import jupyter
from mlcourse import course

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.xdist_group("browser")
SHOTS = course.ROOT / "test-output" / "browser"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = course.make_course(tmp_path_factory.mktemp("lab"), ["kernels"])
    course.generate_release(root, "kernels")
    with jupyter("lab", root, root) as (base, token):
        yield base, token


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    for program in (CHROMIUM, CHROMEDRIVER):
        assert Path(program).exists(), f"{program} is missing: .ci/run installs Debian's chromium " \
                                       f"and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for_text(driver, text, timeout):
    WebDriverWait(driver, timeout, poll_frequency=0.5).until(
        lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def click_menu(driver, *labels):
    """Click through JupyterLab's menu bar: ("Run", "Run All Cells")."""
    top = f"//li[contains(@class, 'lm-MenuBar-item')][.//div[text()='{labels[0]}']]"
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.XPATH, top))[0].click()
    for label in labels[1:]:
        item = f"//li[contains(@class, 'lm-Menu-item')][.//div[text()='{label}']]"
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.XPATH, item))[0].click()


def test_student_runs_the_release_and_sees_the_missing_answer(lab, browser):
    base, token = lab
    browser.get(f"{base}/lab/tree/release/kernels/kernels.ipynb?token={token}")
    wait_for_text(browser, "String kernels and kernel ridge regression", 120)
    WebDriverWait(browser, 120).until(  # the kernel is up once its status says Idle
        lambda d: "Idle" in d.find_element(By.TAG_NAME, "body").text)
    browser.save_screenshot(str(SHOTS / "1_release_opened.png"))
    click_menu(browser, "Run", "Run All Cells")
    wait_for_text(browser, "NotImplementedError", 180)
    first_error = browser.find_element(
        By.XPATH, "//div[contains(@class, 'jp-OutputArea-output')][contains(., 'NotImplementedError')]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", first_error)
    browser.save_screenshot(str(SHOTS / "2_run_all_not_implemented.png"))
    assert "NotImplementedError" in browser.find_element(By.TAG_NAME, "body").text


def test_instructor_opens_formgrader(lab, browser):
    base, token = lab
    browser.get(f"{base}/formgrader?token={token}")
    wait_for_text(browser, "kernels", 120)
    browser.save_screenshot(str(SHOTS / "3_formgrader.png"))
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Manage Assignments" in body and "kernels" in body
