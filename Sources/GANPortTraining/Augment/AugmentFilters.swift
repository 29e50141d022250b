import GANPortTensor

/// Filters of the augmentation pipeline: the low-pass filter of the geometric resampling
/// (`Hz_geom`) and the filter bank of image-space filtering (`Hz_fbank`).
public enum AugmentFilters {
    /// Low-pass decomposition coefficients of the Symlet 6 wavelet (the standard values, as in
    /// PyWavelets).
    static let sym6: [Double] = [
        0.015404109327027373, 0.0034907120842174702, -0.11799011114819057, -0.048311742585633, 0.4910559419267466,
        0.787641141030194, 0.3379294217276218, -0.07263752278646252, -0.021060292512300564, 0.04472490177066578,
        0.0017677118642428036, -0.007800708325034148,
    ]

    /// Low-pass decomposition coefficients of the Symlet 2 wavelet (= Daubechies 2).
    static let sym2: [Double] = [-0.12940952255092145, 0.22414386804185735, 0.836516303737469, 0.48296291314469025]

    /// `Hz_geom`: sym6 normalized to unit sum in float32 — `setup_filter(sym6)`. The elements are
    /// the official buffer's, bit for bit (PyTorch sums the 12 taps in its own order, which the
    /// normalization's last bit depends on).
    public static let geometry: [Float] = [
        0x1.64eba6p-7, 0x1.43869ap-9, -0x1.55bc60p-4, -0x1.17d9fcp-5, 0x1.638ffcp-2, 0x1.1d2814p-1,
        0x1.e95fc2p-3, -0x1.a4c2eep-5, -0x1.e7fa18p-7, 0x1.031304p-5, 0x1.47ab76p-10, -0x1.697e02p-8,
    ]

    /// `Hz_fbank` [4, 43]: band-pass filters splitting the spectrum into four octaves, built from
    /// sym2 as in the official constructor (in float64, then rounded to float32).
    public static let filterBank: [[Float]] = {
        let lo = sym2
        let hi = lo.enumerated().map { $0.offset % 2 == 0 ? $0.element : -$0.element }
        let lo2 = convolve(lo, lo.reversed()).map { $0 / 2 }
        let hi2 = convolve(hi, hi.reversed()).map { $0 / 2 }
        var bank: [[Double]] = [[1], [0], [0], [0]]
        for band in 1..<4 {
            bank = bank.map { row in
                var spread: [Double] = []
                for value in row { spread += [value, 0] }
                return convolve(Array(spread.dropLast()), lo2)
            }
            let width = bank[band].count, start = (width - hi2.count) / 2
            for (k, value) in hi2.enumerated() { bank[band][start + k] += value }
        }
        return bank.map { $0.map { Float($0) } }
    }()

    /// Full 1-D convolution (`numpy.convolve`).
    static func convolve(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: a.count + b.count - 1)
        for (i, x) in a.enumerated() { for (j, y) in b.enumerated() { out[i + j] += x * y } }
        return out
    }
}
