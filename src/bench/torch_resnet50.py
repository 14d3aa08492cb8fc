"""PyTorch reference for `dala bench`: torchvision ResNet50 (2 classes) forward and training step.

Same protocol as the kit's bench (src/bench/suite.ts): inference-mode forward; a training step is
forward + cross-entropy + backward + Adam(1e-4); one warm-up run, then the median of timed runs.
Reads a JSON plan on argv[1], prints one JSON list of records on stdout. Optional: the kit never
needs Python to run.
"""
import json
import statistics
import sys
import time

import torch
import torchvision


def time_runs(run, warmup, min_runs, min_seconds, max_runs):
    for _ in range(warmup):
        run()
    times = []
    while len(times) < min_runs or (sum(times) < min_seconds and len(times) < max_runs):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return len(times), statistics.median(times) * 1000


def main():
    plan = json.loads(sys.argv[1])
    torch.set_num_threads(plan["threads"])
    torch.manual_seed(0)
    timing = plan["timing"]
    args = (timing["warmup"], timing["minRuns"], timing["minSeconds"], timing["maxRuns"])
    records = []
    for job in plan["jobs"]:
        size, batch, kind = job["size"], job["batch"], job["kind"]
        model = torchvision.models.resnet50(num_classes=2)
        x = torch.rand(batch, 3, size, size) * 2 - 1
        if kind == "forward":
            model.eval()

            def run():
                with torch.no_grad():
                    model(x)
        else:
            model.train()
            opt = torch.optim.Adam(model.parameters(), lr=1e-4)
            y = torch.arange(batch) % 2
            loss_fn = torch.nn.CrossEntropyLoss()

            def run():
                opt.zero_grad()
                loss_fn(model(x), y).backward()
                opt.step()

        runs, median_ms = time_runs(run, *args)
        records.append({"kind": kind, "size": size, "batch": batch, "runs": runs, "medianMs": median_ms})
    print(json.dumps({"torch": torch.__version__, "torchvision": torchvision.__version__, "threads": torch.get_num_threads(), "records": records}))


if __name__ == "__main__":
    main()
