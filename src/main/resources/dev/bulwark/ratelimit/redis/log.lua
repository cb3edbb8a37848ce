-- Exact sliding log: a sorted set of ACCEPTED requests only (member "seq:cost", score = server time),
-- plus a hash holding the running sum, a sequence and the latest time seen.
-- KEYS[1] sorted set, KEYS[2] meta hash (same hash tag); ARGV: limit, window_us, cost, commit(1|0)
local zkey, mkey = KEYS[1], KEYS[2]
local limit, w = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost, commit = tonumber(ARGV[3]), ARGV[4] == '1'
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000000 + tonumber(tm[2])
local st = redis.call('HMGET', mkey, 'sum', 'l')
local sum = tonumber(st[1]) or 0
local last = tonumber(st[2]) or now
if now > last then last = now end
local cutoff = string.format('%.0f', last - w)
local old = redis.call('ZRANGEBYSCORE', zkey, '-inf', cutoff)
if #old > 0 then
  for _, m in ipairs(old) do sum = sum - tonumber(string.match(m, ':(%d+)$')) end
  redis.call('ZREMRANGEBYSCORE', zkey, '-inf', cutoff)
end
local allowed, retry = 0, 0
if sum + cost <= limit then
  allowed = 1
  if commit then
    local seq = redis.call('HINCRBY', mkey, 'seq', 1)
    redis.call('ZADD', zkey, string.format('%.0f', last), seq .. ':' .. cost)
    sum = sum + cost
  end
else
  local all = redis.call('ZRANGE', zkey, 0, -1, 'WITHSCORES')
  local freed = 0
  for i = 1, #all, 2 do
    freed = freed + tonumber(string.match(all[i], ':(%d+)$'))
    if sum - freed + cost <= limit then
      retry = tonumber(all[i + 1]) + w - now
      break
    end
  end
end
local reset = 0
local newest = redis.call('ZRANGE', zkey, -1, -1, 'WITHSCORES')
if #newest > 0 then reset = tonumber(newest[2]) + w - now end
if sum == 0 then
  redis.call('DEL', zkey, mkey)
else
  redis.call('HSET', mkey, 'sum', sum, 'l', string.format('%.0f', last))
  redis.call('PEXPIRE', zkey, math.ceil(w / 1000) + 1000)
  redis.call('PEXPIRE', mkey, math.ceil(w / 1000) + 1000)
end
return {allowed, limit - sum, retry, reset}
