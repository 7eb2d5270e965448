-- wrk script for loadtest/bench.sh: replays pre-signed requests (written by RequestPool) so that wrk spends
-- no CPU on signing. Each thread reads its own file pool-<n>.bin: records of 8 ASCII digits (the length)
-- followed by a complete raw HTTP/1.1 request. At the end of a file the thread starts again from the top
-- and counts a wrap (the gateway then sees retries: bench.sh sizes the pool to avoid that and reports it).
--
-- Successive runs continue where the last one stopped: done() prints each thread's byte offset
-- ("OFFSETS o0 o1 ..."), and the next run takes them after the directory.
--
-- usage: wrk -t<T> -c<C> -d<D> -s pool.lua http://host:port -- <pool-dir> [offset0 offset1 ...]

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local file
-- globals, so that done() can read them with thread:get()
issued = 0
wraps = 0
pos = 0

function init(args)
  local path = args[1] .. "/pool-" .. id .. ".bin"
  file = assert(io.open(path, "rb"), "cannot open " .. path)
  issued = 0
  wraps = 0
  pos = tonumber(args[2 + id] or "0")
  file:seek("set", pos)
end

function request()
  local len = file:read(8)
  if len == nil then
    file:seek("set", 0)
    pos = 0
    wraps = wraps + 1
    len = file:read(8)
  end
  local n = tonumber(len)
  pos = pos + 8 + n
  issued = issued + 1
  return file:read(n)
end

function done(summary, latency, requests)
  local total_issued, total_wraps, offsets = 0, 0, {}
  for _, t in ipairs(threads) do
    total_issued = total_issued + t:get("issued")
    total_wraps = total_wraps + t:get("wraps")
    table.insert(offsets, string.format("%d", t:get("pos")))
  end
  io.write("OFFSETS " .. table.concat(offsets, " ") .. "\n")
  local e = summary.errors
  io.write(string.format(
    "RESULT completed=%d issued=%d wraps=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, total_issued, total_wraps, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
