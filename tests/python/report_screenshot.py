"""ctest `report_screenshot`: `limen report` (default workload) must write an index.html with at
least three figures (PNG and SVG), and headless Chromium must render it to a screenshot that shows
the charts (not a blank page).

usage: report_screenshot.py LIMEN CHROMIUM WORK_DIR [extra limen report arguments]
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main(argv):
    limen, chromium, work = argv[1], argv[2], argv[3]
    extra = argv[4:]
    import numpy as np
    import matplotlib.image as mpimg

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "report")
    subprocess.run([limen, "--quiet", "report", "--output", out] + extra, check=True)
    pngs = sorted(glob.glob(os.path.join(out, "*.png")))
    svgs = sorted(glob.glob(os.path.join(out, "*.svg")))
    print("figures:", [os.path.basename(p) for p in pngs])
    assert len(pngs) >= 3 and len(svgs) >= 3, f"expected at least three figures, got {pngs}"
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    assert "http://" not in page and "https://" not in page, "the page must be self-contained"

    shot = os.path.join(work, "screenshot.png")
    profile = tempfile.mkdtemp(prefix="limen-chromium-")
    try:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={profile}", "--window-size=1200,2400", f"--screenshot={shot}",
                        "file://" + os.path.abspath(os.path.join(out, "index.html"))],
                       check=True, timeout=120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    img = mpimg.imread(shot)[:, :, :3]
    rgb = (img * 255).round().astype(np.int32).reshape(-1, 3)
    colours = len(np.unique(rgb[:, 0] * 65536 + rgb[:, 1] * 256 + rgb[:, 2]))
    non_white = float(np.mean(rgb.sum(axis=1) < 740))
    # The ladder's compute bars are #4C72B0 (76, 114, 176): the chart itself must be on screen.
    bar = int(np.sum(np.all(np.abs(rgb - np.array([76, 114, 176])) <= 6, axis=1)))
    print(f"screenshot {img.shape[1]}x{img.shape[0]}: {colours} colours, {100 * non_white:.1f}% non-white, "
          f"{bar} pixels of the ladder's bar colour")
    assert colours > 100, "the screenshot is (nearly) blank"
    assert non_white > 0.05, "the screenshot is (nearly) blank"
    assert bar > 2000, "the ladder chart is not visible in the screenshot"
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
