// WebAssembly SIMD tiles of the feature Gram matrix G = Φ₁Φ₂ᵀ (src/kernel/gram.ts featureGram):
// 4×4 tiles, each entry the plain sum Σ_q Φ₁[i,q]Φ₂[j,q] in increasing q, as the JavaScript tiles
// (tileRow) compute it, so the result is equal bit for bit (test/simd-engine.test.ts). The lanes
// are two columns j, j+1 of a tile, read from Φ₂ᵀ (Q×N2, transposed once by the caller) so that
// they are adjacent in memory; a row value of Φ₁ is splat across both lanes.
// Memory is the caller's; pointers are byte offsets of float64 data.

/**
 * Rows i < I4 (a multiple of 4) against columns j < J4 (a multiple of 4) of G (N1×N2, row-major):
 * A = Φ₁ (N1×Q row-major), BT = Φ₂ᵀ (Q×N2 row-major). sym: Φ₂ = Φ₁, only tiles with j ≥ i are
 * computed and each is also stored transposed.
 */
export function gramTiles(I4: i32, J4: i32, N2: i32, Q: i32, pA: usize, pBT: usize, pG: usize, sym: bool): void {
  const row = <usize>N2 << 3;
  for (let i = 0; i < I4; i += 4) {
    const a0 = pA + (<usize>(i * Q) << 3), a1 = a0 + (<usize>Q << 3), a2 = a1 + (<usize>Q << 3), a3 = a2 + (<usize>Q << 3);
    for (let j = sym ? i : 0; j < J4; j += 4) {
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
      let pb = pBT + (<usize>j << 3);
      for (let q = 0; q < Q; q++) {
        const o = <usize>q << 3;
        const y01 = v128.load(pb), y23 = v128.load(pb + 16);
        const x0 = v128.load64_splat(a0 + o), x1 = v128.load64_splat(a1 + o);
        const x2 = v128.load64_splat(a2 + o), x3 = v128.load64_splat(a3 + o);
        s00 = f64x2.add(s00, f64x2.mul(x0, y01));
        s01 = f64x2.add(s01, f64x2.mul(x0, y23));
        s10 = f64x2.add(s10, f64x2.mul(x1, y01));
        s11 = f64x2.add(s11, f64x2.mul(x1, y23));
        s20 = f64x2.add(s20, f64x2.mul(x2, y01));
        s21 = f64x2.add(s21, f64x2.mul(x2, y23));
        s30 = f64x2.add(s30, f64x2.mul(x3, y01));
        s31 = f64x2.add(s31, f64x2.mul(x3, y23));
        pb += row;
      }
      let g = pG + (<usize>i * <usize>N2 + <usize>j) * 8;
      v128.store(g, s00); v128.store(g + 16, s01); g += row;
      v128.store(g, s10); v128.store(g + 16, s11); g += row;
      v128.store(g, s20); v128.store(g + 16, s21); g += row;
      v128.store(g, s30); v128.store(g + 16, s31);
      if (sym && j != i) {
        // column c of the tile becomes row j + c of the transposed tile: (G[i][j+c], …, G[i+3][j+c])
        g = pG + (<usize>j * <usize>N2 + <usize>i) * 8;
        v128.store(g, v128.shuffle<f64>(s00, s10, 0, 2)); v128.store(g + 16, v128.shuffle<f64>(s20, s30, 0, 2)); g += row;
        v128.store(g, v128.shuffle<f64>(s00, s10, 1, 3)); v128.store(g + 16, v128.shuffle<f64>(s20, s30, 1, 3)); g += row;
        v128.store(g, v128.shuffle<f64>(s01, s11, 0, 2)); v128.store(g + 16, v128.shuffle<f64>(s21, s31, 0, 2)); g += row;
        v128.store(g, v128.shuffle<f64>(s01, s11, 1, 3)); v128.store(g + 16, v128.shuffle<f64>(s21, s31, 1, 3));
      }
    }
  }
}
