"""parallel with a ProcessPoolExecutor: the asyncio pool of
chankit/aio/parallel.py, whose workers send the computation to a
pool of W processes with loop.run_in_executor and await it. Each
process has its own GIL: W workers compute on up to W cores.
Twin: go/parallel/parallel.go"""

import asyncio
from concurrent.futures import ProcessPoolExecutor

from chankit.aio.parallel import producer
from chankit.closing import receive
from chankit.compute import compute
from chankit.processes import CONTEXT


# run_in_executor pickles the call to a free process of the pool and
# gives the loop back until the result returns.
async def worker(queue, cfg, log, processes):
    loop = asyncio.get_running_loop()
    async for item in receive(queue):
        log.get(item)
        await loop.run_in_executor(processes, compute, cfg.cpu)


# One process per worker, forked (chankit.processes says why) and
# shut down, each waited for, when the block ends.
async def main(cfg, trace):
    queue = asyncio.Queue(maxsize=cfg.buffer)
    with ProcessPoolExecutor(cfg.consumers,
                             mp_context=CONTEXT) as processes:
        async with asyncio.TaskGroup() as pool:
            for k in range(cfg.consumers):
                pool.create_task(worker(
                    queue, cfg, trace.actor("worker", k), processes))
            await producer(queue, cfg, trace.actor("producer", 0))
