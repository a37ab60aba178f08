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
  %21 = extractvalue { i32, i32, i32 } %20, 0
  %22 = sub i32 %21, 1
  %23 = call i64 @__ockl_get_local_size(i32 0)
  %24 = trunc i64 %23 to i32
  %25 = call i64 @__ockl_get_local_size(i32 1)
  %26 = trunc i64 %25 to i32
  %27 = call i64 @__ockl_get_local_size(i32 2)
  %28 = trunc i64 %27 to i32
  %29 = insertvalue { i32, i32, i32 } undef, i32 %24, 0
  %30 = insertvalue { i32, i32, i32 } %29, i32 %26, 1
  %31 = insertvalue { i32, i32, i32 } %30, i32 %28, 2
  %32 = extractvalue { i32, i32, i32 } %31, 0
  %33 = mul i32 %22, %32
  %34 = call i32 @llvm.amdgcn.workitem.id.x()
  %35 = add i32 %34, 1
  %36 = call i32 @llvm.amdgcn.workitem.id.y()
  %37 = add i32 %36, 1
  %38 = call i32 @llvm.amdgcn.workitem.id.z()
  %39 = add i32 %38, 1
  %40 = insertvalue { i32, i32, i32 } undef, i32 %35, 0
  %41 = insertvalue { i32, i32, i32 } %40, i32 %37, 1
  %42 = insertvalue { i32, i32, i32 } %41, i32 %39, 2
  %43 = extractvalue { i32, i32, i32 } %42, 0
  %44 = add i32 %33, %43
  %45 = call i64 @__ockl_get_num_groups(i32 0)
  %46 = trunc i64 %45 to i32
  %47 = call i64 @__ockl_get_num_groups(i32 1)
  %48 = trunc i64 %47 to i32
  %49 = call i64 @__ockl_get_num_groups(i32 2)
  %50 = trunc i64 %49 to i32
  %51 = insertvalue { i32, i32, i32 } undef, i32 %46, 0
  %52 = insertvalue { i32, i32, i32 } %51, i32 %48, 1
  %53 = insertvalue { i32, i32, i32 } %52, i32 %50, 2
  %54 = extractvalue { i32, i32, i32 } %53, 0
  %55 = call i64 @__ockl_get_local_size(i32 0)
  %56 = trunc i64 %55 to i32
  %57 = call i64 @__ockl_get_local_size(i32 1)
  %58 = trunc i64 %57 to i32
  %59 = call i64 @__ockl_get_local_size(i32 2)
  %60 = trunc i64 %59 to i32
  %61 = insertvalue { i32, i32, i32 } undef, i32 %56, 0
  %62 = insertvalue { i32, i32, i32 } %61, i32 %58, 1
  %63 = insertvalue { i32, i32, i32 } %62, i32 %60, 2
  %64 = extractvalue { i32, i32, i32 } %63, 0
  %65 = mul i32 %54, %64
  %66 = extractvalue { ptr, [1 x i64] } %11, 1
  %67 = extractvalue [1 x i64] %66, 0
  %68 = sext i32 %44 to i64
  %69 = sext i32 %65 to i64
  %70 = insertvalue [3 x i64] undef, i64 %68, 0
  %71 = insertvalue [3 x i64] %70, i64 %69, 1
  %72 = insertvalue [3 x i64] %71, i64 %67, 2
  %73 = extractvalue [3 x i64] %72, 0
  %74 = extractvalue [3 x i64] %72, 1
  %75 = extractvalue [3 x i64] %72, 2
  %76 = icmp eq i64 %74, 0
  br i1 %76, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %77 = load i64, ptr addrspace(5) %"@_8", align 8
  %78 = extractvalue { i64, i64, i64 } %125, 0
  %79 = extractvalue { i64, i64, i64 } %125, 2
  %80 = icmp eq i64 %78, %79
  %81 = xor i1 %80, true
  %82 = extractvalue { i64, i64, i64 } %125, 1
  %83 = icmp slt i64 0, %82
  %84 = extractvalue { i64, i64, i64 } %125, 2
  %85 = extractvalue { i64, i64, i64 } %125, 0
  %86 = icmp slt i64 %85, %84
  %87 = icmp eq i1 %83, %86
  %88 = xor i1 %87, true
  %89 = and i1 %81, %88
  %90 = extractvalue { i64, i64, i64 } %125, 1
  %91 = icmp slt i64 0, %90
  %92 = extractvalue { i64, i64, i64 } %125, 2
  %93 = icmp slt i64 %92, %77
  %94 = and i1 %91, %93
  %95 = or i1 %89, %94
  %96 = extractvalue { i64, i64, i64 } %125, 1
  %97 = icmp slt i64 %96, 0
  %98 = extractvalue { i64, i64, i64 } %125, 2
  %99 = icmp slt i64 %77, %98
  %100 = and i1 %97, %99
  %101 = or i1 %95, %100
  %102 = xor i1 %101, true
  br i1 %102, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %103 = load i64, ptr addrspace(5) %"@_8", align 8
  %104 = extractvalue { i64, i64, i64 } %125, 1
  %105 = add i64 %103, %104
  %106 = insertvalue [2 x i64] undef, i64 %103, 0
  %107 = insertvalue [2 x i64] %106, i64 %105, 1
  %108 = extractvalue [2 x i64] %107, 0
  %109 = extractvalue [2 x i64] %107, 1
  store i64 %109, ptr addrspace(5) %"@_8", align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str to ptr))
  call void @gpu_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.1 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.2 to ptr), i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %110 = icmp eq i64 %75, %73
  br i1 %110, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %111 = icmp slt i64 0, %74
  %112 = icmp slt i64 %73, %75
  %113 = icmp eq i1 %111, %112
  %114 = xor i1 %113, true
  br i1 %114, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %115 = sub i64 %73, %74
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %116 = sub i64 %75, %73
  %117 = icmp eq i64 %74, 0
  br i1 %117, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str.3 to ptr))
  call void @gpu_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.4 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.5 to ptr), i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %118 = icmp eq i64 %74, -1
  br i1 %118, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %119 = srem i64 %116, %74
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %120 = phi i64 [ 0, %rem.L13 ], [ %119, %rem.L15 ]
  %121 = sub i64 %75, %120
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %122 = phi i64 [ %75, %steprange_last.L11 ], [ %115, %steprange_last.L17 ], [ %121, %rem.ret ]
  %123 = insertvalue { i64, i64, i64 } undef, i64 %73, 0
  %124 = insertvalue { i64, i64, i64 } %123, i64 %74, 1
  %125 = insertvalue { i64, i64, i64 } %124, i64 %122, 2
  %126 = extractvalue { i64, i64, i64 } %125, 0
  %127 = extractvalue { i64, i64, i64 } %125, 1
  %128 = add i64 %126, 0
  store i64 %128, ptr addrspace(5) %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %129 = extractvalue { ptr, [1 x i64] } %3, 0
  %130 = sub i64 %108, 1
  %131 = getelementptr inbounds float, ptr %129, i64 %130
  %132 = load float, ptr %131, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %133 = extractvalue { ptr, [1 x i64] } %7, 0
  %134 = sub i64 %108, 1
  %135 = getelementptr inbounds float, ptr %133, i64 %134
  %136 = load float, ptr %135, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %137 = fadd float %132, %136
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %138 = extractvalue { ptr, [1 x i64] } %11, 0
  %139 = sub i64 %108, 1
  %140 = getelementptr inbounds float, ptr %138, i64 %139
  store float %137, ptr %140, align 4
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
