"""The course in a real browser: JupyterLab on 127.0.0.1 serving a small graded class
of kernels (tests/teaching_class.py), driven by headless Chromium (Debian's chromium
and chromedriver, installed by .ci/run) with every other host unreachable, as on a
machine without the web.

A TA's day: formgrader's Manual Grading, open a submission, score an open answer and
comment, see the score in formgrader's gradebook and in the class report, read the
similarity page and a feedback page with its math. A student's day: open the release,
answer a question, press Validate, read its result. Screenshots of each step go to
test-output/browser/ for a person to look at."""
import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import jupyter
from grading import course, notebooks, report
from teaching_class import HOSTILE, NAME, small_class

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.xdist_group("browser")
SHOTS = course.ROOT / "test-output" / "browser"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TA_STUDENT = "own-answer"  # the submission the TA grades


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = small_class()
    student = root / "student" / NAME  # the student's own copy of the release, fresh
    shutil.rmtree(student, ignore_errors=True)
    shutil.copytree(root / "release" / NAME, student)
    with jupyter("lab", root, tmp_path_factory.mktemp("lab")) as (base, token):
        yield root, base, token


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
                 # no web: only the Jupyter server on 127.0.0.1 answers (MathJax's CDN does not)
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def body(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def wait_for_text(driver, text, timeout):
    WebDriverWait(driver, timeout, poll_frequency=0.5).until(lambda d: text in body(d))


def shot(driver, name):
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def api(base, token, path, method="GET", payload=None):
    request = urllib.request.Request(base + path, method=method,
                                     headers={"Authorization": f"token {token}"},
                                     data=None if payload is None else json.dumps(payload).encode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def click_href(driver, path, timeout=120):
    """Click the link to ``path`` once the page has drawn it (formgrader's tables load late)."""
    link = WebDriverWait(driver, timeout, poll_frequency=0.5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f"a[href$='{path}']"))[0]
    link.click()
    WebDriverWait(driver, timeout).until(lambda d: d.current_url.split("?")[0].rstrip("/").endswith(path))


def no_script_ran(driver, title):
    assert driver.title == title, driver.title
    try:
        alert = driver.switch_to.alert
        pytest.fail(f"a script opened an alert: {alert.text}")
    except NoAlertPresentException:
        pass
    # our pages carry no script at all, so none of a student's can hide among them
    assert not driver.find_elements(By.CSS_SELECTOR, "script, iframe, img[onerror], [onload]")


def test_ta_grades_an_open_answer_and_sees_it_in_gradebook_and_report(lab, browser):
    root, base, token = lab
    browser.get(f"{base}/formgrader/gradebook?token={token}")
    wait_for_text(browser, NAME, 120)
    shot(browser, "ta_1_manual_grading")
    click_href(browser, f"/formgrader/gradebook/{NAME}")  # the assignment
    click_href(browser, f"/formgrader/gradebook/{NAME}/{NAME}")  # its notebook
    wait_for_text(browser, "Submission ID", 60)
    shot(browser, "ta_2_submissions")
    submission = next(n for n in api(base, token, f"/formgrader/api/submitted_notebooks/{NAME}/{NAME}")
                      if n["student"] == TA_STUDENT)
    # formgrader renders the submission with nbconvert on the server: slow on a busy machine
    click_href(browser, f"/formgrader/submissions/{submission['id']}", timeout=600)
    score = WebDriverWait(browser, 300).until(lambda d: d.find_elements(By.ID, "representer_theorem"))[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", score)
    shot(browser, "ta_3_submission_opened")
    score.clear()
    score.send_keys("2")
    comment = browser.find_element(By.ID, "representer_theorem-comment")
    comment.click()  # saves the score (formgrader saves on change)
    comment.send_keys("Names the theorem and its conditions; the step to f(s) = sum_i w_i k(s_i, s) is missing.")
    score.click()  # saves the comment
    grade_id = None
    deadline = time.time() + 60
    while time.time() < deadline:
        grades = api(base, token, f"/formgrader/api/grades?submission_id={submission['id']}")
        grade = next(g for g in grades if g["name"] == "representer_theorem")
        comments = api(base, token, f"/formgrader/api/comments?submission_id={submission['id']}")
        comment_ = next(c for c in comments if c["name"] == "representer_theorem")
        if grade["manual_score"] == 2 and "Names the theorem" in (comment_["manual_comment"] or ""):
            grade_id = grade["id"]
            break
        time.sleep(1)
    assert grade_id, "the score and comment typed in formgrader did not reach the gradebook"
    shot(browser, "ta_4_scored_and_commented")

    # formgrader's gradebook for this student: the written (manual) score is there
    browser.get(f"{base}/formgrader/manage_students/{TA_STUDENT}/{NAME}?token={token}")
    wait_for_text(browser, "Written Score", 60)
    shot(browser, "ta_5_gradebook")
    source = notebooks.read(notebooks.notebook_path(root, "source", NAME))
    written = sum(notebooks.meta(c)["points"] for c in source.cells  # formgrader's "written":
                  if c.cell_type == "markdown" and notebooks.meta(c).get("grade"))  # open answers
    assert f"2 / {written:g}" in body(browser)  # Written Score: the 2 points just given
    assert course.results(root, NAME, [TA_STUDENT])[TA_STUDENT].manual_score == 2

    # the class report: the manual points, a link to the feedback, the similar pair
    page = report.build(root, NAME, root / "reports" / f"{NAME}-browser")
    browser.get(page.as_uri())
    title = f"{NAME}: class report"
    wait_for_text(browser, "Where the class struggles", 30)
    row = browser.find_element(By.XPATH, f"//tr[td[1][text()='{TA_STUDENT}'] and count(td) = 7]")  # all submissions
    assert [td.text for td in row.find_elements(By.TAG_NAME, "td")][4] == "2"
    shot(browser, "ta_6_class_report")
    heatmap = browser.find_element(By.CSS_SELECTOR, "img[src='heatmap.png']")
    browser.execute_script("arguments[0].scrollIntoView();", heatmap)
    assert browser.execute_script("return arguments[0].naturalWidth", heatmap) > 100
    shot(browser, "ta_7_class_report_heatmap")
    no_script_ran(browser, title)
    assert HOSTILE in body(browser)  # shown as text

    browser.find_element(By.LINK_TEXT, "Similar answers").click()
    wait_for_text(browser, "copier-a and copier-b", 30)
    shot(browser, "ta_8_similarity")
    no_script_ran(browser, f"{NAME}: similar answers")
    assert browser.find_elements(By.TAG_NAME, "mark")


def test_feedback_page_math_renders_offline(lab, browser):
    root = lab[0]
    browser.get((root / "feedback" / "solution" / NAME / f"{NAME}.html").as_uri())
    wait_for_text(browser, "String kernels", 60)
    formula = browser.find_elements(By.TAG_NAME, "math")
    assert len(formula) > 20
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", formula[3])
    shot(browser, "feedback_math_offline")
    box = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height]",
                                 formula[3])
    assert box[0] > 5 and box[1] > 5  # drawn by the browser, with no script from the web
    assert "$\\ell" not in body(browser).split("def spectrum_features")[0]


def click_menu(driver, *labels):
    """Click through JupyterLab's menu bar: ("Run", "Run All Cells")."""
    top = f"//li[contains(@class, 'lm-MenuBar-item')][.//div[text()='{labels[0]}']]"
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.XPATH, top))[0].click()
    for label in labels[1:]:
        item = f"//li[contains(@class, 'lm-Menu-item')][.//div[text()='{label}']]"
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.XPATH, item))[0].click()


def save_notebook(driver, saved, attempts=3):
    """File > Save Notebook until ``saved()`` sees it on the server. On a busy machine a
    click can land while the menu is still drawing, or a dialog ("File Changed", ...)
    can stand in the way: answer it with its default button and try again."""
    for attempt in range(attempts):
        click_menu(driver, "File", "Save Notebook")
        try:
            WebDriverWait(driver, 40, poll_frequency=1).until(lambda d: saved())
            return
        except TimeoutException:
            shot(driver, f"student_save_attempt_{attempt + 1}")
            for dialog in driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog"):
                print("dialog in the way of saving:", dialog.text[:300])
                buttons = dialog.find_elements(By.CSS_SELECTOR, ".jp-Dialog-button.jp-mod-accept")
                if buttons:
                    buttons[-1].click()
            ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    pytest.fail(f"the notebook was not saved after {attempts} tries; the page shows: {body(driver)[:500]}")


def test_student_answers_a_question_and_validates(lab, browser):
    root, base, token = lab
    release = notebooks.read(root / "student" / NAME / f"{NAME}.ipynb")
    index = [notebooks.meta(c).get("grade_id") for c in release.cells].index("FIT_COMPLEXITY")
    browser.get(f"{base}/lab/tree/student/{NAME}/{NAME}.ipynb?token={token}")
    wait_for_text(browser, "String kernels and kernel ridge regression", 120)
    WebDriverWait(browser, 120).until(lambda d: "Idle" in body(d))  # the kernel is up
    shot(browser, "student_1_release_opened")
    # JupyterLab draws only the cells in view: walk down to the answer cell with the
    # keyboard, as a student would (command mode: j moves down, Enter edits).
    browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell").click()
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    for _ in range(index):
        ActionChains(browser).send_keys("j").perform()
    cell = browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell.jp-mod-active")
    assert "YOUR CODE HERE" in cell.text, cell.text[:200]  # the release's stub of the answer
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
    ActionChains(browser).send_keys(Keys.DELETE).perform()
    ActionChains(browser).send_keys('FIT_COMPLEXITY = "C"  # N^2 kernel values, then one N x N solve').perform()
    WebDriverWait(browser, 10).until(lambda d: "FIT_COMPLEXITY" in cell.text)
    shot(browser, "student_2_answered")
    save_notebook(browser, lambda: "FIT_COMPLEXITY = " in json.dumps(
        api(base, token, f"/api/contents/student/{NAME}/{NAME}.ipynb")["content"]))
    # nbgrader's "Validate" button in the notebook's toolbar
    validate = WebDriverWait(browser, 60).until(lambda d: [
        x for x in d.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel-toolbar .jp-Toolbar-item")
        if x.text.strip() == "Validate"])
    validate[0].click()
    dialog = WebDriverWait(browser, 900, poll_frequency=1).until(lambda d: [
        x for x in d.find_elements(By.CSS_SELECTOR, ".jp-Dialog-content")
        if "alidat" in x.text and "Validating" not in x.text and len(x.text) > 40])[0]
    shot(browser, "student_3_validate_result")
    text = dialog.text
    # the answered question passes; the unanswered ones are listed as failing
    assert "NotImplementedError" in text or "failed" in text.lower(), text[:500]
    assert "FIT_COMPLEXITY should be one letter" not in text
