-- Token bucket with interval refill: all tokens arrive together at the end of each period.
-- KEYS[1] state hash; ARGV: capacity, tokens_per_interval, period_us, cost, commit(1|0)
local key = KEYS[1]
local cap, tpi, per = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local cost, commit = tonumber(ARGV[4]), ARGV[5] == '1'
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000000 + tonumber(tm[2])
local st = redis.call('HMGET', key, 'n', 'a', 'l')
local tokens = tonumber(st[1]) or cap
local anchor = tonumber(st[2]) or now
local last = tonumber(st[3]) or now
if now > last then last = now end
local intervals = math.floor((last - anchor) / per)
if intervals > 0 then
  anchor = anchor + intervals * per
  if intervals >= math.ceil((cap - tokens) / tpi) then tokens = cap else tokens = tokens + intervals * tpi end
end
local function wait_for(missing)
  if missing <= 0 then return 0 end
  return anchor + math.ceil(missing / tpi) * per - now
end
local allowed, retry = 0, 0
if tokens >= cost then
  allowed = 1
  if commit then tokens = tokens - cost end
else
  retry = wait_for(cost - tokens)
end
local reset = wait_for(cap - tokens)
if commit then
  if tokens == cap then
    redis.call('DEL', key)
  else
    redis.call('HSET', key, 'n', tokens, 'a', string.format('%.0f', anchor), 'l', string.format('%.0f', last))
    redis.call('PEXPIRE', key, math.ceil(reset / 1000) + 1000)
  end
end
return {allowed, tokens, retry, reset}
