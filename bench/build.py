"""How fast the blog builds, against Material's blog plugin and against the floor.

    .venv/bin/python bench/build.py [--runs 3] [posts ...]      # make bench N="300 1000 3000"

For each size it generates the same deterministic posts in three shapes
(bench/corpus.py) and builds each with ``mkdocs build --strict``:

  ours    this project: hooks, templates, generated listings, related posts, guides, jobs;
  blog    Material's blog plugin on the same posts (its own format), no hooks;
  floor   MkDocs + Material rendering the same posts as plain pages: no blog features.

Every build runs in a fresh process (so its peak memory is its own), the three
in turn, ``--runs`` times; the figures are medians. Ours forks a worker process that
converts and renders about half of the pages (careerblog_mkdocs.parallel): its CPU
time counts in "CPU s", its peak memory in "children's peak MB" (the largest child:
the worker or Pagefind's service), and its Markdown conversions, hooks and templates
in the counts and times below, added to the main process's. For ``ours`` it also measures
a preview rebuild: ``mkdocs serve``'s second build in one process after an
editor changed one post's title, tags and guide section.

Figures, not a test: nothing here fails when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

VARIANTS = ("ours", "blog", "floor")
PAGEFIND = "hooks/search.py:on_post_build"  # the end of Pagefind's indexing (it runs beside the build) and its files


# --- one build, in its own process ---------------------------------------------


def measure(variant: str, root: Path, site_dir: Path, preview_edits: int) -> dict:
    """Build ``root`` once (and, for a preview, rebuild it) with everything counted."""
    import resource

    import markdown
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["SOURCE_DATE_EPOCH"] = corpus.EPOCH
    first_lines = _post_first_lines(root / "docs" / "blog" / "posts")
    conversions = {"all": 0, "posts": 0}
    convert = markdown.Markdown.convert

    def counting_convert(self, source: str) -> str:
        conversions["all"] += 1
        # Material's blog plugin puts the title above an excerpt, so look a few lines in.
        if any(line in first_lines for line in _first_lines(source, 4)):
            conversions["posts"] += 1
        return convert(self, source)

    markdown.Markdown.convert = counting_convert
    hook_seconds: dict[str, float] = defaultdict(float)
    phases: dict[str, float] = defaultdict(float)  # where the rest of the time goes
    _time_phases(phases)

    worker_counts = Path(tempfile.mkdtemp(prefix="bench-workers-"))

    def configured(serve: bool):
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        _time_hooks(config, hook_seconds, phases)
        _time_our_converter(phases)
        _count_in_workers(worker_counts, conversions, hook_seconds, phases)
        if serve:
            config.plugins.on_startup(command="serve", dirty=False)
        return config

    result: dict = {"posts": len(first_lines)}
    cpu = _cpu_seconds()
    began = time.perf_counter()
    build(configured(serve=False))
    result["seconds"] = time.perf_counter() - began
    result["cpu_seconds"] = _cpu_seconds() - cpu  # this process and its children (the worker, Pagefind)
    _add_worker_counts(worker_counts, conversions, hook_seconds, phases)
    result["conversions"] = dict(conversions)
    result["hook_seconds"] = dict(hook_seconds)
    result["phases"] = dict(phases)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The largest of this build's child processes: the build's worker (careerblog_mkdocs.parallel,
    # forked, so sharing most of its memory with this process) or Pagefind's service.
    result["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if preview_edits:
        build(configured(serve=True))  # the preview's first build
        rebuilds = []
        for path in _posts_to_edit(root, preview_edits):
            _edit(path)
            counted = (dict(conversions), dict(hook_seconds), dict(phases))
            began = time.perf_counter()
            build(configured(serve=True))
            rebuilds.append({
                "seconds": time.perf_counter() - began,
                "conversions": conversions["all"] - counted[0]["all"],
                "hook_seconds": _minus(hook_seconds, counted[1]),
                "phases": _minus(phases, counted[2]),
            })
        result["preview"] = rebuilds
    return result


def _count_in_workers(folder: Path, *counters: dict) -> None:
    """The build's worker processes (careerblog_mkdocs.parallel, forked) count into their own
    copies of the counters: each writes them to ``folder`` when its work is done."""
    parallel = sys.modules.get("careerblog_mkdocs.parallel")
    if parallel is None or getattr(parallel, "_bench_counting", False):
        return
    be_the_worker = parallel._be_the_worker

    def counting_worker(reader, writer, work):
        def work_and_count(send):
            for counter in counters:  # from zero: the parent counts what it did before the fork
                for key in counter:
                    counter[key] = 0
            work(send)
            (folder / f"{os.getpid()}.json").write_text(json.dumps(counters))

        be_the_worker(reader, writer, work_and_count)

    parallel._be_the_worker = counting_worker
    parallel._bench_counting = True


def _add_worker_counts(folder: Path, *counters: dict) -> None:
    for path in folder.glob("*.json"):
        for counter, counted in zip(counters, json.loads(path.read_text())):
            for key, value in counted.items():
                counter[key] = counter.get(key, 0) + value
        path.unlink()


def _posts_to_edit(root: Path, count: int) -> list[Path]:
    """Posts with a guide section, from the middle of the blog."""
    posts = sorted((root / "docs" / "blog" / "posts").glob("*.md"))
    with_guides = [p for p in posts if "{ .guide" in p.read_text(encoding="utf-8")]
    middle = len(with_guides) // 2
    return with_guides[middle : middle + count]


def _edit(path: Path) -> None:
    """What an editor does between two saves: the title, a tag, and a line of the guide section."""
    text = path.read_text(encoding="utf-8")
    heading_end = text.index("\n", text.index("{ .guide"))
    text = text[:heading_end] + "\n\nAn edited line of the guide." + text[heading_end:]
    path.write_text(text.replace("title: ", "title: Edited ", 1).replace("tags: [", "tags: [CareerAdvice, ", 1),
                    encoding="utf-8")


def _minus(now: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {key: value - before.get(key, 0.0) for key, value in now.items()}


def _cpu_seconds() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _time_hooks(config, ours: dict[str, float], others: dict[str, float]) -> None:
    """Wrap every event handler in a timer: ours (mkdocs.yml ``hooks:``) by hook and event, plugins by name."""
    hooks = set(config["hooks"])
    origins = config.plugins._event_origins
    for event, handlers in config.plugins.events.items():
        for index, handler in enumerate(handlers):
            origin = origins.get(handler, "?")
            if origin in hooks:
                handlers[index] = _timed(handler, f"{origin}:on_{event}", ours)
            else:
                handlers[index] = _timed(handler, f"plugin {origin}", others)


def _time_phases(totals: dict[str, float]) -> None:
    """Time Markdown rendering (Page.render) and each page template, named by template."""
    import jinja2
    from mkdocs.structure.pages import Page

    Page.render = _timed(Page.render, "markdown", totals)
    render_template = jinja2.Template.render

    def timed_render_template(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return render_template(self, *args, **kwargs)
        finally:
            totals[f"template {self.name}"] += time.perf_counter() - began

    jinja2.Template.render = timed_render_template


def _time_our_converter(totals: dict[str, float]) -> None:
    """Time as "markdown" the pages converted on the build's own converter too (once its hooks are
    loaded): careerblog_mkdocs.render_cache converts pages without Page.render."""
    render_cache = sys.modules.get("careerblog_mkdocs.render_cache")
    if render_cache is None or getattr(render_cache, "_bench_timing", False):
        return
    render_cache._render = _timed(render_cache._render, "markdown", totals)
    render_cache._bench_timing = True


def _timed(handler, name: str, totals: dict[str, float]):
    """``handler``, adding the time of each call to ``totals[name]``."""
    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - began

    timed.mkdocs_priority = getattr(handler, "mkdocs_priority", 0)
    return timed


def _post_first_lines(posts_dir: Path) -> set[str]:
    """The first line of each post's body identifies the post in what Markdown converts."""
    lines = set()
    for path in posts_dir.glob("*.md"):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        lines.add(_first_line(body))
    return lines


def _first_line(text: str) -> str:
    return next(iter(_first_lines(text, 1)), "")


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines that are not blank, stripped."""
    found = []
    for line in text.splitlines():
        if line.strip():
            found.append(line.strip())
            if len(found) == count:
                break
    return found


# --- the runs and the table ----------------------------------------------------


def run_once(variant: str, folder: Path, preview_edits: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-site-{variant}-") as site_dir:
        command = [sys.executable, __file__, "--worker", variant, str(folder), site_dir, str(preview_edits)]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        sys.exit(f"{variant} build failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compile_hooks(folder: Path) -> None:
    """Leave the hooks' bytecode beside them, as any build leaves it where Python may write it
    (here PYTHONDONTWRITEBYTECODE=1 forbids it; `make site` compiles them first): otherwise each
    timed build compiles the ~80 modules again, ~0.08 s on one core before the worker forks, which
    the floor (MkDocs and Material, compiled when pip installed them) never pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True, stdout=subprocess.DEVNULL)


def bench_size(count: int, sites: list[str], runs: int, preview_edits: int, keep: Path | None) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{count}-")) if keep is None else keep / str(count)
    began = time.perf_counter()
    folders = corpus.write_all(workdir, count)
    print(f"# {count} posts: corpus written in {time.perf_counter() - began:.1f} s under {workdir}", file=sys.stderr)
    results: dict[str, list[dict]] = {v: [] for v in sites}
    if "ours" in sites:
        # One untimed build fills the picture cache (.cache/pictures), as CI's actions/cache
        # keeps it between daily builds: the runs below measure a warm cache.
        began = time.perf_counter()
        run_once("ours", folders["ours"], 0)
        print(f"#   picture cache warmed in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        compile_hooks(folders["ours"] / "hooks")
    for run in range(runs):
        for variant in sites:  # in turn, so that a slow moment of the machine hits all three alike
            # The preview edits posts, so it comes last.
            edits = preview_edits if variant == "ours" and run == runs - 1 else 0
            results[variant].append(run_once(variant, folders[variant], edits))
            print(f"#   run {run + 1}/{runs} {variant}: {results[variant][-1]['seconds']:.2f} s", file=sys.stderr)
    if keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return {variant: summarise(found) for variant, found in results.items()}


def summarise(runs: list[dict]) -> dict:
    med = statistics.median
    posts = runs[0]["posts"]
    hooks = [sum(r["hook_seconds"].values()) for r in runs]
    pagefind = [r["hook_seconds"].get(PAGEFIND, 0.0) for r in runs]
    summary = {
        "posts": posts,
        "seconds": med(r["seconds"] for r in runs),
        "cpu_seconds": med(r["cpu_seconds"] for r in runs),
        "without_pagefind": med(r["seconds"] - p for r, p in zip(runs, pagefind)),
        "conversions_per_post": med(r["conversions"]["all"] for r in runs) / posts,
        "post_conversions_per_post": med(r["conversions"]["posts"] for r in runs) / posts,
        "hook_seconds": med(hooks),
        "hook_share": med(h / r["seconds"] for h, r in zip(hooks, runs)),
        "hook_share_without_pagefind": med((h - p) / (r["seconds"] - p) for h, p, r in zip(hooks, pagefind, runs)),
        "maxrss_mb": med(r["maxrss_mb"] for r in runs),
        "children_maxrss_mb": med(r.get("children_maxrss_mb", 0.0) for r in runs),
        "hooks": _medians([r["hook_seconds"] for r in runs]),
        "phases": _medians([r["phases"] for r in runs]),
    }
    summary["ms_per_post"] = summary["seconds"] * 1000 / posts
    summary["ms_per_post_without_pagefind"] = summary["without_pagefind"] * 1000 / posts
    rebuilds = [rebuild for r in runs for rebuild in r.get("preview", [])]
    if rebuilds:
        typical = sorted(rebuilds, key=lambda r: r["seconds"])[len(rebuilds) // 2]
        summary["preview"] = {
            "seconds": med(r["seconds"] for r in rebuilds),
            "conversions": med(r["conversions"] for r in rebuilds),
            "rebuilds": len(rebuilds),
            "typical": typical,
        }
    return summary


def _medians(found: list[dict[str, float]]) -> dict[str, float]:
    names = sorted({name for one in found for name in one})
    return {name: statistics.median(one.get(name, 0.0) for one in found) for name in names}


def _ratio(a: float, b: dict | None, key: str = "seconds") -> str:
    return f"{a / b[key]:.2f}" if b else "-"


def print_report(sizes: list[int], summaries: dict[int, dict], runs: int) -> None:
    print(f"\nMedians of {runs} builds of each site (mkdocs build --strict, each in a fresh process):\n")
    header = ("posts", "site", "total s", "ms/post", "CPU s", "Markdown conversions/post",
              "of the post's own text", "our hooks s", "our hooks %", "peak MB", "children's peak MB")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for size in sizes:
        for variant, s in summaries[size].items():
            hooks = (f"{s['hook_seconds']:.2f}", f"{100 * s['hook_share']:.0f}") if variant == "ours" else ("-", "-")
            print(f"| {s['posts']:,} | {variant} | {s['seconds']:.2f} | {s['ms_per_post']:.2f} | {s['cpu_seconds']:.1f} | "
                  f"{s['conversions_per_post']:.2f} | {s['post_conversions_per_post']:.2f} | "
                  f"{hooks[0]} | {hooks[1]} | {s['maxrss_mb']:.0f} | {s['children_maxrss_mb']:.0f} |")
    print("\nOurs against the references (targets at 1,000 posts: <= 0.3 x blog, <= 1.0 x floor, hooks <= 10 %);")
    print("the build indexes its pages with Pagefind, in Pagefind's process beside the build (hooks/search.py), which neither\n"
          "reference does; \"Pagefind s\" is what the build still waits for it at its end:\n")
    print("| posts | ours / blog | ours / floor | ours without Pagefind / floor | Pagefind s | "
          "our hooks % without Pagefind | related posts s |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        s = summaries[size]
        ours, blog, floor = s["ours"], s.get("blog"), s.get("floor")
        related = sum(v for k, v in ours["hooks"].items() if k.startswith("hooks/related.py"))
        print(f"| {ours['posts']:,} | {_ratio(ours['seconds'], blog)} | {_ratio(ours['seconds'], floor)} | "
              f"{_ratio(ours['without_pagefind'], floor)} | {ours['hooks'].get(PAGEFIND, 0.0):.2f} | "
              f"{100 * ours['hook_share_without_pagefind']:.1f} | {related:.3f} |")
    if len(sizes) > 1:
        small, large = summaries[min(sizes)]["ours"], summaries[max(sizes)]["ours"]
        print(f"\nGrowth (target <= 1.15): ms per post at {large['posts']:,} posts / at {small['posts']:,}: "
              f"{large['ms_per_post'] / small['ms_per_post']:.2f} "
              f"({large['ms_per_post_without_pagefind'] / small['ms_per_post_without_pagefind']:.2f} without Pagefind); "
              f"peak memory {small['maxrss_mb']:.0f} MB -> {large['maxrss_mb']:.0f} MB")
    for size in sizes:
        ours = summaries[size]["ours"]
        preview = ours.get("preview")
        if preview:
            typical = preview["typical"]
            parts = sorted({**typical["phases"], "our hooks": sum(typical["hook_seconds"].values()),
                            "of which Pagefind": typical["hook_seconds"].get(PAGEFIND, 0.0)}.items(),
                           key=lambda kv: -kv[1])
            print(f"\nPreview at {ours['posts']:,} posts (make serve; target <= 2 s): after an edit of one post's title, "
                  f"tags and guide section, the rebuild takes {preview['seconds']:.2f} s (median of {preview['rebuilds']}) "
                  f"and converts {preview['conversions']:.0f} Markdown pages, where a full build converts "
                  f"{ours['conversions_per_post'] * ours['posts']:,.0f} (Markdown {typical['phases'].get('markdown', 0.0):.2f} s "
                  f"instead of {ours['phases'].get('markdown', 0.0):.2f} s). The rebuild's time: "
                  + ", ".join(f"{name} {sec:.2f}" for name, sec in parts if sec >= 0.05)
                  + f", the rest (MkDocs reading, writing and copying files) "
                  f"{typical['seconds'] - sum(typical['phases'].values()) - sum(typical['hook_seconds'].values()):.2f}")
    print("\nWhere the build time goes, seconds (Markdown = Page.render; templates and plugins by name); ours\n"
          "sums its main process and its worker (which run at the same time), so its parts add up to more than its total:\n")
    for size in sizes:
        for variant, s in summaries[size].items():
            parts = sorted(s["phases"].items(), key=lambda kv: -kv[1])
            rest = s["seconds"] - s["hook_seconds"] - sum(s["phases"].values())
            print(f"  {size:,} {variant}: total {s['seconds']:.2f}; our hooks {s['hook_seconds']:.2f}; "
                  + ", ".join(f"{name} {sec:.2f}" for name, sec in parts if sec >= 0.05)
                  + (f"; the rest (MkDocs reading, writing, copying) {rest:.2f}" if rest > 0 else ""))
    print("\nOur hooks by hook and event, seconds:\n")
    for size in sizes:
        top = sorted(summaries[size]["ours"]["hooks"].items(), key=lambda kv: -kv[1])
        print(f"  {size:,} posts: " + ", ".join(f"{name} {sec:.3f}" for name, sec in top if sec >= 0.005))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="numbers of generated posts (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each site per size (default 3)")
    parser.add_argument("--sites", default=",".join(VARIANTS), help="which of ours,blog,floor to build (default all)")
    parser.add_argument("--preview-edits", type=int, default=3, help="preview rebuilds timed, one edit each (0: none)")
    parser.add_argument("--preview-up-to", type=int, default=1000, help="time the preview at sizes up to this (default 1000)")
    parser.add_argument("--keep", type=Path, help="write the generated sites here and keep them")
    parser.add_argument("--worker", nargs=4, metavar=("VARIANT", "ROOT", "SITE", "EDITS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        variant, root, site, edits = args.worker
        print(json.dumps(measure(variant, Path(root), Path(site), int(edits))))
        return
    sites = [v for v in VARIANTS if v in args.sites.split(",")]
    if "ours" not in sites:
        parser.error("--sites must include ours")
    began = time.perf_counter()
    summaries = {
        size: bench_size(size, sites, args.runs, args.preview_edits if size <= args.preview_up_to else 0, args.keep)
        for size in args.sizes
    }
    print_report(args.sizes, summaries, args.runs)
    print(f"\n(whole benchmark: {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
