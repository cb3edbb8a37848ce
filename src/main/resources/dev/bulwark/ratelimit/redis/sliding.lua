-- Sliding window counter: current count plus the previous window's count weighted by its overlap,
-- compared as integers scaled by the window length (exact).
-- KEYS[1] state hash; ARGV: limit, window_us, cost, commit(1|0)
local key = KEYS[1]
local limit, w = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost, commit = tonumber(ARGV[3]), ARGV[4] == '1'
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000000 + tonumber(tm[2])
local st = redis.call('HMGET', key, 's', 'c', 'p', 'l')
local last = tonumber(st[4]) or now
local behind = 0
if now > last then last = now else behind = last - now end
local s = math.floor(last / w) * w
local start = tonumber(st[1]) or s
local cur = tonumber(st[2]) or 0
local prev = tonumber(st[3]) or 0
if s ~= start then
  if s == start + w then prev = cur else prev = 0 end
  cur = 0
  start = s
end
local e = last - start
local used = prev * (w - e) + cur * w
local allowed, retry = 0, 0
if used + cost * w <= limit * w then
  allowed = 1
  if commit then cur = cur + cost; used = used + cost * w end
elseif cur + cost <= limit then
  retry = w - math.floor((limit - cur - cost) * w / prev) - e + behind
else
  local into = 0
  if cur > 0 then into = math.max(0, w - math.floor((limit - cost) * w / cur)) end
  retry = w - e + into + behind
end
local reset = 0
if cur > 0 then reset = start + 2 * w - last + behind elseif prev > 0 then reset = start + w - last + behind end
if commit and (cur > 0 or prev > 0) then
  redis.call('HSET', key, 's', string.format('%.0f', start), 'c', cur, 'p', prev, 'l', string.format('%.0f', last))
  redis.call('PEXPIRE', key, math.ceil((start + 2 * w - last) / 1000) + 1000)
end
return {allowed, math.max(0, math.floor((limit * w - used) / w)), retry, reset}
