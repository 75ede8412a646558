-- wrk script: print latency percentiles (microseconds) and throughput as one JSON line at the end.
--
-- A target whose path holds "__n__" gets a fresh random number there on every request: pages keyed on
-- their query string (the initiatives' results, the map data) then miss the cache every time, which
-- measures the cost of computing them rather than of serving them from the cache.
-- "__q__" becomes a search of one or two words drawn from SEARCH_WORDS on every request: a different
-- query each time, as people type them (words of the benchmark's data, in French and English, with and
-- without accents, and a few that it does not hold).
math.randomseed(os.time())

local SEARCH_WORDS = {
  "velo", "vélos", "compost", "jardin", "energie", "energy", "solaire", "repair", "bike", "climat",
  "graines", "soupe", "eau", "friperie", "arbres", "vetements", "picnic", "benevoles", "ecole",
  "épicerie", "berges", "solidarity", "musique", "couture", "apiculture", "atelier", "trees", "cafe",
}

local template = nil

init = function(args)
  if wrk.path:find("__n__", 1, true) or wrk.path:find("__q__", 1, true) then
    template = wrk.path
  end
end

local function search_words()
  local words = SEARCH_WORDS[math.random(#SEARCH_WORDS)]
  if math.random() < 0.5 then
    words = words .. "+" .. SEARCH_WORDS[math.random(#SEARCH_WORDS)]
  end
  return (words:gsub("[\128-\255]", function(byte) return string.format("%%%02X", byte:byte()) end))
end

request = function()
  if template then
    local path = template:gsub("__n__", tostring(math.random(1, 2000000000)))
    path = path:gsub("__q__", search_words)
    return wrk.format(nil, path)
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
