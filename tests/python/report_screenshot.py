"""ctest `report_screenshot`: `limen report` must write an index.html whose every figure (PNG and
SVG) headless Chromium renders on the page: the page is laid out by Chromium, each figure's image
must have loaded and sit at a place where the full-page screenshot shows a chart there (not a
blank or broken image). The expected figures are named: ladder, size, time, validation, and
training / study / cnn when their flags are given.

usage: report_screenshot.py LIMEN CHROMIUM WORK_DIR [extra limen report arguments]
"""
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]
# Appended to a copy of the page: after load, each figure's box on the page and whether its image decoded.
GEOMETRY = """<script>window.addEventListener('load', () => {
  const figs = [...document.querySelectorAll('figure')].map(f => { const i = f.querySelector('img');
    const b = i.getBoundingClientRect();
    return {id: f.id, x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height,
            loaded: i.complete && i.naturalWidth > 0}; });
  const p = document.createElement('pre'); p.id = 'geometry';
  p.textContent = JSON.stringify({figures: figs, height: document.documentElement.scrollHeight});
  document.body.appendChild(p); });</script>"""


def chromium(binary, args, **kw):
    profile = tempfile.mkdtemp(prefix="limen-chromium-")
    try:
        return subprocess.run([binary] + FLAGS + [f"--user-data-dir={profile}"] + args, check=True, timeout=120,
                              stderr=subprocess.DEVNULL, **kw)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main(argv):
    limen, browser, work = argv[1], argv[2], argv[3]
    extra = argv[4:]
    import numpy as np
    import matplotlib.image as mpimg

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "report")
    subprocess.run([limen, "--quiet", "report", "--output", out] + extra, check=True)
    no_validation = "--validation" in extra and extra[extra.index("--validation") + 1] == "none"
    expected = ["ladder", "size", "time"] + ([] if no_validation else ["validation"]) \
        + (["training"] if "--train" in extra else []) \
        + (["study"] if "--study" in extra else []) \
        + (["cnn"] if "--cnn" in extra else [])
    for name in expected:
        for ext in ("png", "svg"):
            assert os.path.getsize(os.path.join(out, f"{name}.{ext}")) > 1000, f"{name}.{ext} missing or empty"
    print("figures:", sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "*.png"))))
    index = os.path.join(out, "index.html")
    page = open(index, encoding="utf-8").read()
    assert "http://" not in page and "https://" not in page, "the page must be self-contained"

    probe = os.path.join(out, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", GEOMETRY + "</body>"))
    dom = chromium(browser, ["--window-size=1200,1000", "--virtual-time-budget=5000", "--dump-dom", "file://" + probe],
                   stdout=subprocess.PIPE, text=True).stdout
    found = re.search(r'<pre id="geometry">(.*?)</pre>', dom, re.S)
    assert found, "the page did not finish loading in Chromium"
    geometry = json.loads(html.unescape(found.group(1)))
    figs = {g["id"]: g for g in geometry["figures"]}
    assert set(expected) <= set(figs), f"figures on the page: {sorted(figs)}, expected {expected}"

    height = min(int(geometry["height"]) + 50, 30000)
    shot = os.path.join(work, "screenshot.png")
    chromium(browser, [f"--window-size=1200,{height}", f"--screenshot={shot}", "file://" + os.path.abspath(index)],
             stdout=subprocess.DEVNULL)
    img = mpimg.imread(shot)[:, :, :3]
    rgb = (img * 255).round().astype(np.int32)
    print(f"screenshot {img.shape[1]}x{img.shape[0]}")
    for name in expected:
        g = figs[name]
        assert g["loaded"] and g["w"] > 300 and g["h"] > 150, f"{name}: the image did not load or is tiny: {g}"
        x0, y0 = int(g["x"]), int(g["y"])
        crop = rgb[y0:y0 + int(g["h"]), x0:x0 + int(g["w"])].reshape(-1, 3)
        assert crop.size, f"{name}: outside the screenshot"
        colours = len(np.unique(crop[:, 0] * 65536 + crop[:, 1] * 256 + crop[:, 2]))
        ink = float(np.mean(crop.sum(axis=1) < 600))
        print(f"  {name}: {int(g['w'])}x{int(g['h'])} at y = {y0}: {colours} colours, {100 * ink:.1f}% ink")
        assert colours > 40 and ink > 0.01, f"{name}: nothing drawn where the figure sits"
    # The ladder's compute shares are #4C72B0 (76, 114, 176): the chart itself must be on screen.
    g = figs["ladder"]
    crop = rgb[int(g["y"]):int(g["y"] + g["h"]), int(g["x"]):int(g["x"] + g["w"])].reshape(-1, 3)
    bar = int(np.sum(np.all(np.abs(crop - np.array([76, 114, 176])) <= 6, axis=1)))
    print(f"  ladder: {bar} pixels of the compute colour")
    assert bar > 2000, "the ladder chart is not visible in the screenshot"
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
