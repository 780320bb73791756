-- Lua 5.4 twin of corpus/bench/deltablue.veld (Are We Fast Yet? "DeltaBlue"). Lua compares tables
-- by identity, so constraints need no id here. "No value" is nil.

-- Strengths: a lower value is stronger.
local STRENGTHS = {}
for value = 0, 6 do STRENGTHS[value] = { value = value } end
local REQUIRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAKEST =
  STRENGTHS[0], STRENGTHS[2], STRENGTHS[3], STRENGTHS[4], STRENGTHS[6]

local function stronger(a, b) return a.value < b.value end
local function weaker(a, b) return a.value > b.value end
local function weakest_of(a, b) if weaker(a, b) then return a end return b end
local function next_weaker(s) return STRENGTHS[s.value + 1] end

local NONE, FORWARD, BACKWARD = 0, 1, -1

local Variable = {}
Variable.__index = Variable

function Variable.new(value)
  return setmetatable({ value = value, constraints = {}, determined_by = nil, mark = 0,
                        walk_strength = WEAKEST, stay = true }, Variable)
end

function Variable:add_constraint(c) table.insert(self.constraints, c) end

function Variable:remove_constraint(c)
  local list = self.constraints
  local i = 1
  while i <= #list do
    if list[i] == c then table.remove(list, i) else i = i + 1 end
  end
  if self.determined_by == c then self.determined_by = nil end
end

-- The protocol every constraint follows.
local function add_constraint(c, planner)
  c:add_to_graph()
  planner:incremental_add(c)
end

local function destroy_constraint(c, planner)
  if c:is_satisfied() then planner:incremental_remove(c) else c:remove_from_graph() end
end

local function satisfy_constraint(c, mark, planner)
  c:choose_method(mark)
  if not c:is_satisfied() then
    if c.strength.value == REQUIRED.value then error("could not satisfy a required constraint") end
    return nil
  end
  c:mark_inputs(mark)
  local out = c:output()
  local overridden = out.determined_by
  if overridden ~= nil then overridden:mark_unsatisfied() end
  out.determined_by = c
  if not planner:add_propagate(c, mark) then error("cycle encountered") end
  out.mark = mark
  return overridden
end

-- Unary constraints: stay and edit.
local UnaryConstraint = {}
UnaryConstraint.__index = UnaryConstraint

function UnaryConstraint.new(v, strength, is_edit, planner)
  local c = setmetatable({ strength = strength, my_output = v, satisfied = false, is_edit = is_edit }, UnaryConstraint)
  add_constraint(c, planner)
  return c
end

UnaryConstraint.satisfy = satisfy_constraint
function UnaryConstraint:add_to_graph()
  self.my_output:add_constraint(self)
  self.satisfied = false
end
function UnaryConstraint:remove_from_graph()
  self.my_output:remove_constraint(self)
  self.satisfied = false
end
function UnaryConstraint:choose_method(mark)
  self.satisfied = self.my_output.mark ~= mark and stronger(self.strength, self.my_output.walk_strength)
end
function UnaryConstraint:is_satisfied() return self.satisfied end
function UnaryConstraint:is_input() return self.is_edit end
function UnaryConstraint:mark_inputs(mark) end
function UnaryConstraint:output() return self.my_output end
function UnaryConstraint:inputs_known(mark) return true end
function UnaryConstraint:mark_unsatisfied() self.satisfied = false end
function UnaryConstraint:recalculate()
  self.my_output.walk_strength = self.strength
  self.my_output.stay = not self:is_input()
  if self.my_output.stay then self:execute() end
end
function UnaryConstraint:execute() end

-- Binary constraints: the part both kinds share.
local function choose_binary_direction(c, mark)
  if c.v1.mark == mark then
    c.direction = (c.v2.mark ~= mark and stronger(c.strength, c.v2.walk_strength)) and FORWARD or NONE
  elseif c.v2.mark == mark then
    c.direction = (c.v1.mark ~= mark and stronger(c.strength, c.v1.walk_strength)) and BACKWARD or NONE
  elseif weaker(c.v1.walk_strength, c.v2.walk_strength) then
    c.direction = stronger(c.strength, c.v1.walk_strength) and BACKWARD or NONE
  else
    c.direction = stronger(c.strength, c.v2.walk_strength) and FORWARD or BACKWARD
  end
end

local function binary_class()
  local class = {}
  class.__index = class
  class.satisfy = satisfy_constraint
  function class:choose_method(mark) choose_binary_direction(self, mark) end
  function class:is_satisfied() return self.direction ~= NONE end
  function class:is_input() return false end
  function class:input() if self.direction == FORWARD then return self.v1 end return self.v2 end
  function class:output() if self.direction == FORWARD then return self.v2 end return self.v1 end
  function class:inputs_known(mark)
    local i = self:input()
    return i.mark == mark or i.stay or i.determined_by == nil
  end
  function class:mark_unsatisfied() self.direction = NONE end
  return class
end

local EqualityConstraint = binary_class()

function EqualityConstraint.new(v1, v2, strength, planner)
  local c = setmetatable({ strength = strength, v1 = v1, v2 = v2, direction = NONE }, EqualityConstraint)
  add_constraint(c, planner)
  return c
end
function EqualityConstraint:add_to_graph()
  self.v1:add_constraint(self)
  self.v2:add_constraint(self)
  self.direction = NONE
end
function EqualityConstraint:remove_from_graph()
  self.v1:remove_constraint(self)
  self.v2:remove_constraint(self)
  self.direction = NONE
end
function EqualityConstraint:mark_inputs(mark) self:input().mark = mark end
function EqualityConstraint:recalculate()
  local i, out = self:input(), self:output()
  out.walk_strength = weakest_of(self.strength, i.walk_strength)
  out.stay = i.stay
  if out.stay then self:execute() end
end
function EqualityConstraint:execute() self:output().value = self:input().value end

local ScaleConstraint = binary_class()

function ScaleConstraint.new(src, scale, offset, dest, strength, planner)
  local c = setmetatable({ strength = strength, v1 = src, v2 = dest, direction = NONE, scale = scale, offset = offset },
                         ScaleConstraint)
  add_constraint(c, planner)
  return c
end
function ScaleConstraint:add_to_graph()
  self.v1:add_constraint(self)
  self.v2:add_constraint(self)
  self.direction = NONE
  self.scale:add_constraint(self)
  self.offset:add_constraint(self)
end
function ScaleConstraint:remove_from_graph()
  self.v1:remove_constraint(self)
  self.v2:remove_constraint(self)
  self.direction = NONE
  self.scale:remove_constraint(self)
  self.offset:remove_constraint(self)
end
function ScaleConstraint:mark_inputs(mark)
  self:input().mark = mark
  self.scale.mark = mark
  self.offset.mark = mark
end
function ScaleConstraint:recalculate()
  local i, out = self:input(), self:output()
  out.walk_strength = weakest_of(self.strength, i.walk_strength)
  out.stay = i.stay and self.scale.stay and self.offset.stay
  if out.stay then self:execute() end
end
function ScaleConstraint:execute()
  if self.direction == FORWARD then
    self.v2.value = self.v1.value * self.scale.value + self.offset.value
  else
    self.v1.value = (self.v2.value - self.offset.value) // self.scale.value
  end
end

-- The planner.
local Planner = {}
Planner.__index = Planner

function Planner.new() return setmetatable({ current_mark = 0 }, Planner) end

function Planner:new_mark()
  self.current_mark = self.current_mark + 1
  return self.current_mark
end

function Planner:incremental_add(c)
  local mark = self:new_mark()
  local overridden = c:satisfy(mark, self)
  while overridden ~= nil do overridden = overridden:satisfy(mark, self) end
end

function Planner:incremental_remove(c)
  local out = c:output()
  c:mark_unsatisfied()
  c:remove_from_graph()
  local unsatisfied = self:remove_propagate_from(out)
  local strength = REQUIRED
  repeat
    for _, u in ipairs(unsatisfied) do
      if u.strength.value == strength.value then self:incremental_add(u) end
    end
    strength = next_weaker(strength)
  until strength.value == WEAKEST.value
end

function Planner:add_constraints_consuming_to(v, todo)
  local determining = v.determined_by
  for _, c in ipairs(v.constraints) do
    if c ~= determining and c:is_satisfied() then todo[#todo + 1] = c end
  end
end

function Planner:make_plan(sources)
  local mark = self:new_mark()
  local plan = {}
  local todo = sources
  local next = 1
  while next <= #todo do
    local c = todo[next]
    next = next + 1
    local out = c:output()
    if out.mark ~= mark and c:inputs_known(mark) then
      plan[#plan + 1] = c
      out.mark = mark
      self:add_constraints_consuming_to(out, todo)
    end
  end
  return plan
end

function Planner:extract_plan_from_constraints(constraints)
  local sources = {}
  for _, c in ipairs(constraints) do
    if c:is_input() and c:is_satisfied() then sources[#sources + 1] = c end
  end
  return self:make_plan(sources)
end

function Planner:add_propagate(c, mark)
  local todo = { c }
  local next = 1
  while next <= #todo do
    local d = todo[next]
    next = next + 1
    if d:output().mark == mark then
      self:incremental_remove(c)
      return false
    end
    d:recalculate()
    self:add_constraints_consuming_to(d:output(), todo)
  end
  return true
end

function Planner:remove_propagate_from(out)
  out.determined_by = nil
  out.walk_strength = WEAKEST
  out.stay = true
  local unsatisfied = {}
  local todo = { out }
  local next = 1
  while next <= #todo do
    local v = todo[next]
    next = next + 1
    for _, c in ipairs(v.constraints) do
      if not c:is_satisfied() then unsatisfied[#unsatisfied + 1] = c end
    end
    local determining = v.determined_by
    for _, c in ipairs(v.constraints) do
      if c ~= determining and c:is_satisfied() then
        c:recalculate()
        todo[#todo + 1] = c:output()
      end
    end
  end
  return unsatisfied
end

local function execute_plan(plan)
  for i = 1, #plan do plan[i]:execute() end
end

local function chain_test(n)
  local planner = Planner.new()
  local prev, first, last = nil, nil, nil
  for i = 0, n do
    local v = Variable.new(0)
    if prev ~= nil then EqualityConstraint.new(prev, v, REQUIRED, planner) end
    if i == 0 then first = v end
    if i == n then last = v end
    prev = v
  end
  UnaryConstraint.new(last, STRONG_DEFAULT, false, planner)
  local edit = UnaryConstraint.new(first, PREFERRED, true, planner)
  local plan = planner:extract_plan_from_constraints({ edit })
  for i = 0, 99 do
    first.value = i
    execute_plan(plan)
    if last.value ~= i then error("chain test failed") end
  end
end

local function change(v, new_value, planner)
  local edit = UnaryConstraint.new(v, PREFERRED, true, planner)
  local plan = planner:extract_plan_from_constraints({ edit })
  for _ = 1, 10 do
    v.value = new_value
    execute_plan(plan)
  end
  destroy_constraint(edit, planner)
end

local function projection_test(n)
  local planner = Planner.new()
  local scale = Variable.new(10)
  local offset = Variable.new(1000)
  local src, dst = nil, nil
  local dests = {}
  for i = 0, n - 1 do
    src = Variable.new(i)
    dst = Variable.new(i)
    dests[i] = dst
    UnaryConstraint.new(src, NORMAL, false, planner)
    ScaleConstraint.new(src, scale, offset, dst, REQUIRED, planner)
  end
  change(src, 17, planner)
  if dst.value ~= 1170 then error("projection 1 failed") end
  change(dst, 1050, planner)
  if src.value ~= 5 then error("projection 2 failed") end
  change(scale, 5, planner)
  for i = 0, n - 2 do
    if dests[i].value ~= i * 5 + 1000 then error("projection 3 failed") end
  end
  change(offset, 2000, planner)
  for i = 0, n - 2 do
    if dests[i].value ~= i * 5 + 2000 then error("projection 4 failed") end
  end
end

local n = tonumber(arg[1]) or 100
chain_test(n)
projection_test(n)
print(string.format("deltablue(%d): chain and projection tests passed", n))
