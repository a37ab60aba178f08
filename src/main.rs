//! The `strata` command-line tool.

fn main() {
    let store = strata::TypeStore::new();
    let t = store.parse("Tuple{Vector{T}, T} where T<:Real").unwrap();
    println!("{}", store.show(t));
}
