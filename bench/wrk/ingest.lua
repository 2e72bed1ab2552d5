-- wrk load for bench/ingest: every request carries events never sent before, so each one is
-- applied, never replayed (a replay would be cheaper and flatter the figures).
--
-- Arguments after `--` on the wrk command line:
--   prefix      unique per measured step, so no step reuses an id of an earlier one
--   scenario    "new":   message.received on a new order, one event a request
--               "mix":   half new orders (message.received), half replies (message.sent) to an
--                        order that already has its received event
--               "batch": batch_size new-order events a request to POST /v1/events:batch
--   batch_size  events a request for "batch"
-- The API key comes from BENCH_KEY in the environment, so it never shows in a process list.
-- done() prints one line "BENCH {json}" that bench/load.py reads.

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local OCCURRED = { received = "2026-01-05T09:00:00Z", sent = "2026-01-05T10:00:00Z" }
local DATA = { received = '{"thread_id":"t1"}', sent = '{"thread_id":"t1","author":"agent"}' }
-- A reply goes to the order opened this many requests earlier: far more than the largest
-- connection count, so that order's first event has long been committed.
local REPLY_LAG = 512

function init(args)
  prefix = args[1] .. "t" .. thread_id
  scenario = args[2]
  batch_size = tonumber(args[3] or "1")
  path = scenario == "batch" and "/v1/events:batch" or "/v1/events"
  request_headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"),
  }
  counter = 0
  non2xx = 0
  failed_items = 0
end

local function event(n, kind, order)
  return string.format(
    '{"id":"%s-e%d","type":"message.%s","occurred_at":"%s","order_id":"%s-o%d","marketplace":"US","data":%s}',
    prefix, n, kind, OCCURRED[kind], prefix, order, DATA[kind])
end

local function next_event()
  counter = counter + 1
  -- Odd numbers open a new order; in "mix", even numbers reply on an odd, older order.
  if scenario == "mix" and counter % 2 == 0 and counter > REPLY_LAG then
    return event(counter, "sent", counter - REPLY_LAG - 1)
  end
  return event(counter, "received", counter)
end

function request()
  if scenario == "batch" then
    local items = {}
    for i = 1, batch_size do
      items[i] = next_event()
    end
    return wrk.format("POST", path, request_headers, '{"events":[' .. table.concat(items, ",") .. "]}")
  end
  return wrk.format("POST", path, request_headers, next_event())
end

function response(status, _, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif scenario == "batch" then
    -- A batch answers 200 even when items fail; a body without the count counts as all failed.
    failed_items = failed_items + tonumber(string.match(body, '"failed"%s*:%s*(%d+)') or batch_size)
  end
end

function done(summary, latency, _)
  local bad_status, bad_items = 0, 0
  for _, thread in ipairs(threads) do
    bad_status = bad_status + thread:get("non2xx")
    bad_items = bad_items + thread:get("failed_items")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"non2xx":%d,"failed_items":%d,"socket_errors":%d,'
      .. '"timeouts":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, bad_status, bad_items,
    errors.connect + errors.read + errors.write, errors.timeout,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), math.floor(latency.max)))
end
