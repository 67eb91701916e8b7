-- wrk script of bench/durability.sh: each request creates a host with a name no other request uses
-- (thread number and counter), as the admin whose bearer token is in the TOKEN environment variable.
-- Answers other than 201 are counted and printed: wrk would count them as requests.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  counter = 0
  failed = 0
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
end

function request()
  counter = counter + 1
  local name = string.format("bench-%s-%d-%d", os.getenv("ROUND") or "0", id, counter)
  local body = string.format(
    '{"name":"%s","address":"192.0.2.10","username":"deploy","authType":"password","password":"s3cret"}', name)
  return wrk.format("POST", "/api/hosts", headers, body)
end

function response(status, headers, body)
  if status ~= 201 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("failed")
  end
  local created = summary.requests - bad
  io.write(string.format("created %d %d %.0f %.1f\n", created, bad, created / (summary.duration / 1e6),
    latency:percentile(99) / 1000))
end
