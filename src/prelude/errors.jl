# Exception types. They carry no message: strings are not values a kernel can hold, and
# lowering reports the exception by its type name (`report_exception_name`).

abstract type Exception end

struct BoundsError <: Exception end
struct InexactError <: Exception end
struct DomainError <: Exception end
struct DivideError <: Exception end
struct OverflowError <: Exception end
struct ArgumentError <: Exception end
struct AssertionError <: Exception end
struct OutOfMemoryError <: Exception end
