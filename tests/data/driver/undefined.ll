; A kernel calling an extern no target defines.
declare float @mystery_function(float)

define CC void @k(ptr addrspace(AS) %p, i64 %n) {
entry:
  %x = load float, ptr addrspace(AS) %p
  %y = call float @mystery_function(float %x)
  store float %y, ptr addrspace(AS) %p
  ret void
}
