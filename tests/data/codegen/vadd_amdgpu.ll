; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-p:64:64-p1:64:64-p2:32:32-p3:32:32-p4:64:64-p5:32:32-p6:32:32-p7:160:256:256:32-p8:128:128-p9:192:256:256:32-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024-v2048:2048-n32:64-S32-A5-G1-ni:7:8:9"
target triple = "amdgcn-amd-amdhsa"

@.str = private unnamed_addr addrspace(1) constant [14 x i8] c"ArgumentError\00", align 1
@.str.1 = private unnamed_addr addrspace(1) constant [15 x i8] c"steprange_last\00", align 1
@.str.2 = private unnamed_addr addrspace(1) constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.3 = private unnamed_addr addrspace(1) constant [12 x i8] c"DivideError\00", align 1
@.str.4 = private unnamed_addr addrspace(1) constant [4 x i8] c"rem\00", align 1
@.str.5 = private unnamed_addr addrspace(1) constant [15 x i8] c"prelude/int.jl\00", align 1

define amdgpu_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
top:
  %"@_8" = alloca i64, align 8, addrspace(5)
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %b to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %b.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = addrspacecast ptr addrspace(1) %c to ptr
  %9 = insertvalue { ptr, [1 x i64] } undef, ptr %8, 0
  %10 = insertvalue [1 x i64] undef, i64 %c.dim1, 0
  %11 = insertvalue { ptr, [1 x i64] } %9, [1 x i64] %10, 1
  %12 = call i32 @llvm.amdgcn.workgroup.id.x()
  %13 = add i32 %12, 1
  %14 = call i32 @llvm.amdgcn.workgroup.id.y()
  %15 = add i32 %14, 1
  %16 = call i32 @llvm.amdgcn.workgroup.id.z()
  %17 = add i32 %16, 1
  %18 = insertvalue { i32, i32, i32 } undef, i32 %13, 0
  %19 = insertvalue { i32, i32, i32 } %18, i32 %15, 1
  %20 = insertvalue { i32, i32, i32 } %19, i32 %17, 2
  %21 = sub i32 %13, 1
  %22 = call i64 @__ockl_get_local_size(i32 0)
  %23 = trunc i64 %22 to i32
  %24 = call i64 @__ockl_get_local_size(i32 1)
  %25 = trunc i64 %24 to i32
  %26 = call i64 @__ockl_get_local_size(i32 2)
  %27 = trunc i64 %26 to i32
  %28 = insertvalue { i32, i32, i32 } undef, i32 %23, 0
  %29 = insertvalue { i32, i32, i32 } %28, i32 %25, 1
  %30 = insertvalue { i32, i32, i32 } %29, i32 %27, 2
  %31 = mul i32 %21, %23
  %32 = call i32 @llvm.amdgcn.workitem.id.x()
  %33 = add i32 %32, 1
  %34 = call i32 @llvm.amdgcn.workitem.id.y()
  %35 = add i32 %34, 1
  %36 = call i32 @llvm.amdgcn.workitem.id.z()
  %37 = add i32 %36, 1
  %38 = insertvalue { i32, i32, i32 } undef, i32 %33, 0
  %39 = insertvalue { i32, i32, i32 } %38, i32 %35, 1
  %40 = insertvalue { i32, i32, i32 } %39, i32 %37, 2
  %41 = add i32 %31, %33
  %42 = call i64 @__ockl_get_num_groups(i32 0)
  %43 = trunc i64 %42 to i32
  %44 = call i64 @__ockl_get_num_groups(i32 1)
  %45 = trunc i64 %44 to i32
  %46 = call i64 @__ockl_get_num_groups(i32 2)
  %47 = trunc i64 %46 to i32
  %48 = insertvalue { i32, i32, i32 } undef, i32 %43, 0
  %49 = insertvalue { i32, i32, i32 } %48, i32 %45, 1
  %50 = insertvalue { i32, i32, i32 } %49, i32 %47, 2
  %51 = call i64 @__ockl_get_local_size(i32 0)
  %52 = trunc i64 %51 to i32
  %53 = call i64 @__ockl_get_local_size(i32 1)
  %54 = trunc i64 %53 to i32
  %55 = call i64 @__ockl_get_local_size(i32 2)
  %56 = trunc i64 %55 to i32
  %57 = insertvalue { i32, i32, i32 } undef, i32 %52, 0
  %58 = insertvalue { i32, i32, i32 } %57, i32 %54, 1
  %59 = insertvalue { i32, i32, i32 } %58, i32 %56, 2
  %60 = mul i32 %43, %52
  %61 = sext i32 %41 to i64
  %62 = sext i32 %60 to i64
  %63 = insertvalue [3 x i64] undef, i64 %61, 0
  %64 = insertvalue [3 x i64] %63, i64 %62, 1
  %65 = insertvalue [3 x i64] %64, i64 %c.dim1, 2
  %66 = icmp eq i64 %62, 0
  br i1 %66, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %67 = load i64, ptr addrspace(5) %"@_8", align 8
  %68 = icmp eq i64 %61, %100
  %69 = xor i1 %68, true
  %70 = icmp slt i64 0, %62
  %71 = icmp slt i64 %61, %100
  %72 = icmp eq i1 %70, %71
  %73 = xor i1 %72, true
  %74 = and i1 %69, %73
  %75 = icmp slt i64 0, %62
  %76 = icmp slt i64 %100, %67
  %77 = and i1 %75, %76
  %78 = or i1 %74, %77
  %79 = icmp slt i64 %62, 0
  %80 = icmp slt i64 %67, %100
  %81 = and i1 %79, %80
  %82 = or i1 %78, %81
  %83 = xor i1 %82, true
  br i1 %83, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %84 = load i64, ptr addrspace(5) %"@_8", align 8
  %85 = add i64 %84, %62
  %86 = insertvalue [2 x i64] undef, i64 %84, 0
  %87 = insertvalue [2 x i64] %86, i64 %85, 1
  store i64 %85, ptr addrspace(5) %"@_8", align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str to ptr))
  call void @gpu_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.1 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.2 to ptr), i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %88 = icmp eq i64 %c.dim1, %61
  br i1 %88, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %89 = icmp slt i64 0, %62
  %90 = icmp slt i64 %61, %c.dim1
  %91 = icmp eq i1 %89, %90
  %92 = xor i1 %91, true
  br i1 %92, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %93 = sub i64 %61, %62
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %94 = sub i64 %c.dim1, %61
  %95 = icmp eq i64 %62, 0
  br i1 %95, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str.3 to ptr))
  call void @gpu_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.4 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.5 to ptr), i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %96 = icmp eq i64 %62, -1
  br i1 %96, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %97 = srem i64 %94, %62
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %98 = phi i64 [ 0, %rem.L13 ], [ %97, %rem.L15 ]
  %99 = sub i64 %c.dim1, %98
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %100 = phi i64 [ %c.dim1, %steprange_last.L11 ], [ %93, %steprange_last.L17 ], [ %99, %rem.ret ]
  %101 = insertvalue { i64, i64, i64 } undef, i64 %61, 0
  %102 = insertvalue { i64, i64, i64 } %101, i64 %62, 1
  %103 = insertvalue { i64, i64, i64 } %102, i64 %100, 2
  %104 = add i64 %61, 0
  store i64 %104, ptr addrspace(5) %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %105 = sub i64 %84, 1
  %106 = getelementptr inbounds float, ptr %0, i64 %105
  %107 = load float, ptr %106, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %108 = sub i64 %84, 1
  %109 = getelementptr inbounds float, ptr %4, i64 %108
  %110 = load float, ptr %109, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %111 = fadd float %107, %110
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %112 = sub i64 %84, 1
  %113 = getelementptr inbounds float, ptr %8, i64 %112
  store float %111, ptr %113, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %vadd.L23

vadd.ret:                                         ; preds = %vadd.L36
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.z() #0

declare i64 @__ockl_get_local_size(i32)

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.z() #0

declare i64 @__ockl_get_num_groups(i32)

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
