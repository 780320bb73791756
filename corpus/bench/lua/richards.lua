-- Lua 5.4 twin of corpus/bench/richards.veld (Are We Fast Yet? "Richards"). "No value" is nil.
local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 0, 1, 2, 3, 4, 5
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4

local STATE_RUNNING = 0
local STATE_RUNNABLE = 1
local STATE_SUSPENDED = 2
local STATE_HELD = 4
local STATE_SUSPENDED_RUNNABLE = 3
local STATE_NOT_HELD = ~4

local Packet = {}
Packet.__index = Packet

function Packet.new(link, id, kind)
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = { 0, 0, 0, 0 } }, Packet)
end

function Packet:add_to(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  local peek = next.link
  while peek ~= nil do
    next = peek
    peek = next.link
  end
  next.link = self
  return queue
end

local Tcb = {}
Tcb.__index = Tcb

function Tcb.new(link, id, priority, queue, task)
  local state = queue == nil and STATE_SUSPENDED or STATE_SUSPENDED_RUNNABLE
  return setmetatable({ link = link, id = id, priority = priority, queue = queue, task = task, state = state }, Tcb)
end

function Tcb:set_running() self.state = STATE_RUNNING end
function Tcb:mark_as_not_held() self.state = self.state & STATE_NOT_HELD end
function Tcb:mark_as_held() self.state = self.state | STATE_HELD end
function Tcb:mark_as_suspended() self.state = self.state | STATE_SUSPENDED end
function Tcb:mark_as_runnable() self.state = self.state | STATE_RUNNABLE end

function Tcb:is_held_or_suspended()
  return (self.state & STATE_HELD) ~= 0 or self.state == STATE_SUSPENDED
end

function Tcb:run(scheduler)
  local packet = nil
  if self.state == STATE_SUSPENDED_RUNNABLE then
    packet = self.queue
    self.queue = packet.link
    self.state = self.queue == nil and STATE_RUNNING or STATE_RUNNABLE
  end
  return self.task:run(scheduler, packet)
end

function Tcb:check_priority_add(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:mark_as_runnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:add_to(self.queue)
  end
  return task
end

local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({ queue_count = 0, hold_count = 0, blocks = {}, list = nil, current_tcb = nil, current_id = -1 }, Scheduler)
end

function Scheduler:add_task(id, priority, queue, task)
  self.current_tcb = Tcb.new(self.list, id, priority, queue, task)
  self.list = self.current_tcb
  self.blocks[id] = self.current_tcb
end

function Scheduler:add_running_task(id, priority, queue, task)
  self:add_task(id, priority, queue, task)
  self.current_tcb:set_running()
end

function Scheduler:schedule()
  self.current_tcb = self.list
  while self.current_tcb ~= nil do
    if self.current_tcb:is_held_or_suspended() then
      self.current_tcb = self.current_tcb.link
    else
      self.current_id = self.current_tcb.id
      self.current_tcb = self.current_tcb:run(self)
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:mark_as_not_held()
  if tcb.priority > self.current_tcb.priority then return tcb end
  return self.current_tcb
end

function Scheduler:hold_current()
  self.hold_count = self.hold_count + 1
  self.current_tcb:mark_as_held()
  return self.current_tcb.link
end

function Scheduler:suspend_current()
  self.current_tcb:mark_as_suspended()
  return self.current_tcb
end

function Scheduler:queue(packet)
  local target = self.blocks[packet.id]
  if target == nil then return target end
  self.queue_count = self.queue_count + 1
  packet.link = nil
  packet.id = self.current_id
  return target:check_priority_add(self.current_tcb, packet)
end

local IdleTask = {}
IdleTask.__index = IdleTask
function IdleTask:run(scheduler, packet)
  self.count = self.count - 1
  if self.count == 0 then return scheduler:hold_current() end
  if (self.v1 & 1) == 0 then
    self.v1 = self.v1 >> 1
    return scheduler:release(ID_DEVICE_A)
  end
  self.v1 = (self.v1 >> 1) ~ 0xD008
  return scheduler:release(ID_DEVICE_B)
end

local DeviceTask = {}
DeviceTask.__index = DeviceTask
function DeviceTask:run(scheduler, packet)
  if packet == nil then
    if self.pending == nil then return scheduler:suspend_current() end
    local v = self.pending
    self.pending = nil
    return scheduler:queue(v)
  end
  self.pending = packet
  return scheduler:hold_current()
end

local WorkerTask = {}
WorkerTask.__index = WorkerTask
function WorkerTask:run(scheduler, packet)
  if packet == nil then return scheduler:suspend_current() end
  self.destination = self.destination == ID_HANDLER_A and ID_HANDLER_B or ID_HANDLER_A
  packet.id = self.destination
  packet.a1 = 0
  for i = 1, DATA_SIZE do
    self.letter = self.letter + 1
    if self.letter > 26 then self.letter = 1 end
    packet.a2[i] = self.letter
  end
  return scheduler:queue(packet)
end

local HandlerTask = {}
HandlerTask.__index = HandlerTask
function HandlerTask:run(scheduler, packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.work_in = packet:add_to(self.work_in)
    else
      self.device_in = packet:add_to(self.device_in)
    end
  end
  if self.work_in ~= nil then
    local work = self.work_in
    local count = work.a1
    if count < DATA_SIZE then
      if self.device_in ~= nil then
        local device = self.device_in
        self.device_in = device.link
        device.a1 = work.a2[count + 1]
        work.a1 = count + 1
        return scheduler:queue(device)
      end
    else
      self.work_in = work.link
      return scheduler:queue(work)
    end
  end
  return scheduler:suspend_current()
end

local function benchmark(idle_count)
  local scheduler = Scheduler.new()
  scheduler:add_running_task(ID_IDLE, 0, nil, setmetatable({ v1 = 1, count = idle_count }, IdleTask))

  local queue = Packet.new(nil, ID_WORKER, KIND_WORK)
  queue = Packet.new(queue, ID_WORKER, KIND_WORK)
  scheduler:add_task(ID_WORKER, 1000, queue, setmetatable({ destination = ID_HANDLER_A, letter = 0 }, WorkerTask))

  queue = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  scheduler:add_task(ID_HANDLER_A, 2000, queue, setmetatable({}, HandlerTask))

  queue = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  scheduler:add_task(ID_HANDLER_B, 3000, queue, setmetatable({}, HandlerTask))

  scheduler:add_task(ID_DEVICE_A, 4000, nil, setmetatable({}, DeviceTask))
  scheduler:add_task(ID_DEVICE_B, 5000, nil, setmetatable({}, DeviceTask))

  scheduler:schedule()
  return scheduler.queue_count, scheduler.hold_count
end

local expected = { [1000] = { 2322, 928 }, [10000] = { 23246, 9297 } }

local n = tonumber(arg[1]) or 1000
local queued, held = benchmark(n)
local reference = expected[n]
if reference ~= nil then
  assert(queued == reference[1] and held == reference[2], "richards: wrong queue/hold counts")
  print(string.format("richards(%d): %d queued, %d held", n, queued, held))
else
  print(string.format("richards(%d): %d queued, %d held (no reference value for this size)", n, queued, held))
end
