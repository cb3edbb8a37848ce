-- Fixed window counter, windows aligned to multiples of the window on the server clock.
-- KEYS[1] state hash; ARGV: limit, window_us, cost, commit(1|0)
local key = KEYS[1]
local limit, w = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost, commit = tonumber(ARGV[3]), ARGV[4] == '1'
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000000 + tonumber(tm[2])
local st = redis.call('HMGET', key, 's', 'c', 'l')
local last = tonumber(st[3]) or now
local behind = 0
if now > last then last = now else behind = last - now end
local start = tonumber(st[1]) or (math.floor(last / w) * w)
local count = tonumber(st[2]) or 0
local s = math.floor(last / w) * w
if s > start then start = s; count = 0 end
local reset_in = start + w - last + behind
local allowed, retry = 0, 0
if count + cost <= limit then
  allowed = 1
  if commit then count = count + cost end
else
  retry = reset_in
end
if commit and count > 0 then
  redis.call('HSET', key, 's', string.format('%.0f', start), 'c', count, 'l', string.format('%.0f', last))
  redis.call('PEXPIRE', key, math.ceil((start + w - last) / 1000) + 1000)
end
if count == 0 then reset_in = 0 end
return {allowed, limit - count, retry, reset_in}
