-- wrk script: print latency percentiles (microseconds) and throughput as one JSON line at the end.
--
-- A target whose path holds "__n__" gets a fresh random number there on every request: pages keyed on
-- their query string (the initiatives' results, the map data) then miss the cache every time, which
-- measures the cost of computing them rather than of serving them from the cache.
math.randomseed(os.time())

local template = nil

init = function(args)
  if wrk.path:find("__n__", 1, true) then
    template = wrk.path
  end
end

request = function()
  if template then
    return wrk.format(nil, (template:gsub("__n__", tostring(math.random(1, 2000000000)))))
  end
  return wrk.request()
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "errors": %d, "non_2xx": %d, ' ..
    '"p50_ms": %.3f, "p90_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, seconds, summary.requests / seconds,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
