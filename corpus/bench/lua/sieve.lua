-- Lua 5.4 twin of corpus/bench/sieve.veld (Are We Fast Yet? "Sieve").
local function sieve(flags, size)
  local prime_count = 0
  for i = 2, size do
    if flags[i] then
      prime_count = prime_count + 1
      local k = i + i
      while k <= size do
        flags[k] = false
        k = k + i
      end
    end
  end
  return prime_count
end

local function benchmark()
  local flags = {}
  for i = 1, 5000 do flags[i] = true end
  return sieve(flags, 5000)
end

local n = tonumber(arg[1]) or 3
local primes = 0
for _ = 1, n do
  primes = benchmark()
  assert(primes == 669, "sieve: wrong prime count")
end
print(string.format("sieve x%d: %d primes", n, primes))
