-- wrk script for bench/api_orders.sh: every request is a new paid order, POST /api/v1/orders.
--
-- Environment (set by api_orders.sh):
--   BENCH_API_KEY      operator API key, sent as "Authorization: Bearer <key>"
--   BENCH_RUN_PREFIX   short random [a-z0-9] string; keeps names unique across runs
--
-- Instance names are "b<prefix>-<thread>-<n>" (n counts per thread from 1), so they are unique,
-- match ^[a-z0-9-]{3,63}$ and neither start nor end with a hyphen. The email and the
-- Idempotency-Key are unique in the same way.
--
-- A response counts as "completed" only if it is a 201 whose body has "status":"completed".
-- done() prints, for api_orders.sh to parse:
--   orders-completed: <n>
--   orders-not-completed: <n>
--   first-bad-response: <status> <body, first 300 bytes>     (only when there was one)

local key = os.getenv("BENCH_API_KEY") or ""
local run_prefix = os.getenv("BENCH_RUN_PREFIX") or ""
if not key:match("^tnt_[%w_]+$") then
   error("BENCH_API_KEY must be set to a tnt_... key")
end
if not run_prefix:match("^[a-z0-9]+$") then
   error("BENCH_RUN_PREFIX must be set to [a-z0-9]+")
end

-- Globals, one copy per thread (each wrk thread runs its own Lua state).
thread_id = 0
counter = 0
completed = 0
not_completed = 0
first_bad = ""

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_id", #threads)
end

local headers = {
   ["Authorization"] = "Bearer " .. key,
   ["Content-Type"] = "application/json",
   ["Accept"] = "application/json",
   -- Provisioning runs in the background; ask the API to answer once the instance is ready.
   ["Prefer"] = "wait=60",
}

local body_format = '{"plan":"erp-business","company":"Bench Ltd","contact_name":"Bench",'
   .. '"email":"bench-%s@example.com","password":"bench-password-123","instance_name":"%s",'
   .. '"period_months":1,"billing_country":"FR","billing_address":"1 rue de la Paix, 75002 Paris","payment_method":"card",'
   .. '"card":{"number":"4242424242424242","exp_month":12,"exp_year":2030,"cvc":"123"}}'

function request()
   counter = counter + 1
   local name = string.format("b%s-%d-%d", run_prefix, thread_id, counter)
   headers["Idempotency-Key"] = "bench-" .. name
   return wrk.format("POST", wrk.path, headers, string.format(body_format, name, name))
end

function response(status, _, body)
   if status == 201 and body and body:find('"status"%s*:%s*"completed"') then
      completed = completed + 1
   else
      not_completed = not_completed + 1
      if first_bad == "" then
         first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 300)
      end
   end
end

function done(_, _, _)
   local ok, bad, first = 0, 0, ""
   for _, t in ipairs(threads) do
      ok = ok + (t:get("completed") or 0)
      bad = bad + (t:get("not_completed") or 0)
      local f = t:get("first_bad") or ""
      if first == "" and f ~= "" then first = f end
   end
   io.write(string.format("orders-completed: %d\norders-not-completed: %d\n", ok, bad))
   if first ~= "" then
      io.write("first-bad-response: " .. first:gsub("[\r\n]", " ") .. "\n")
   end
end
