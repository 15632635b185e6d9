//! Deterministic synthetic corpus of Vietnamese directives (fixtures, charts, search and
//! scale tests). Each document is derived from `seed` and its index only, so the output is
//! byte-identical whatever the thread count. A compact plan (a few bytes per document) is
//! built first so serial numbers grow through the year and documents can cite earlier
//! directives of their own province that really exist; full texts are never held together.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::{fs, io, path::Path};

#[derive(Debug, Clone)]
pub struct ProvinceRef {
    pub name: String,
    pub slug: String,
}

impl ProvinceRef {
    /// The 63 provinces vanban ships, as the generator takes them.
    pub fn builtin() -> Vec<ProvinceRef> {
        vanban::text::provinces::ProvinceRegistry::builtin()
            .all()
            .iter()
            .map(|p| ProvinceRef { name: p.name.clone(), slug: p.slug.clone() })
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    pub count: usize,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthStats {
    pub files: usize,
    pub bytes: u64,
}

/// SplitMix64, written out here instead of using the `rand` crate so that generated fixtures
/// stay byte-identical across dependency upgrades. Only integer arithmetic and correctly
/// rounded float operations (`*`, `/`, `sqrt`) are used, so output is platform-independent.
struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// Independent stream per (seed, purpose, index): documents never share RNG state.
    fn new(seed: u64, stream: u64, idx: u64) -> Rng {
        Rng(mix(seed ^ mix((stream << 40) ^ idx)))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }
    fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.below(s.len())]
    }
    /// Index drawn from cumulative integer weights.
    fn cum(&mut self, cum: &[u64]) -> usize {
        let x = self.next() % cum[cum.len() - 1];
        cum.partition_point(|&c| c <= x)
    }
}

const S_PLAN: u64 = 1;
const S_SERIAL: u64 = 2;
const S_BODY: u64 = 3;
const S_TITLE: u64 = 4;
const S_NAME: u64 = 5;
const S_SYN: u64 = 6;
const S_SHUF: u64 = 7;

#[derive(Clone, Copy, PartialEq)]
enum Org {
    Party,
    State,
    /// Issuer, signer position, signer authority, office.
    Central(&'static str, &'static str, &'static str, &'static str),
}

/// The largest serial number a document carries.
const MAX_SERIAL: u32 = 99_999;

/// The mean step between the serials of `count` documents of one format,
/// province and year: the format's own, narrowed where it would take a
/// serial past five digits (as on real documents, and as the number
/// pattern reads them), which only archives of about a million do.
fn serial_gap(format_gap: u32, count: usize) -> u32 {
    format_gap.min((MAX_SERIAL / count.max(1) as u32).max(1))
}

/// A document format: the number is `{serial}{suffix}` (serial zero-padded to 2 digits for
/// Party styles starting with '-'); `weight` is its frequency, `gap` the mean serial step.
struct Fmt(&'static str, &'static str, Org, u64, u32);

const PARTY: Org = Org::Party;
const STATE: Org = Org::State;
const BBT: Org = Org::Central("Ban Bí thư", "Thường trực Ban Bí thư", "T/M Ban Bí thư", "Văn phòng Trung ương Đảng");
const VPTW: Org = Org::Central(
    "Văn phòng Trung ương Đảng",
    "Phó Chánh Văn phòng",
    "K/T Chánh Văn phòng",
    "Văn phòng Trung ương Đảng",
);
const VPCP: Org =
    Org::Central("Văn phòng Chính phủ", "Phó Chủ nhiệm", "K/T Bộ trưởng, Chủ nhiệm", "Văn phòng Chính phủ");
const BYT: Org = Org::Central("Bộ Y tế", "Thứ trưởng", "K/T Bộ trưởng", "Văn phòng Bộ Y tế");
/// Generated formats: 0..12 provincial (Party `/TU`, State `-UBND`), then central ones.
#[rustfmt::skip]
const FMTS: [Fmt; 17] = [
    Fmt("-CV/TU", "Công văn", PARTY, 40, 6), Fmt("-CT/TU", "Chỉ thị", PARTY, 3, 2),
    Fmt("-KL/TU", "Kết luận", PARTY, 5, 3), Fmt("-TB/TU", "Thông báo", PARTY, 8, 4),
    Fmt("-NQ/TU", "Nghị quyết", PARTY, 2, 2), Fmt("-KH/TU", "Kế hoạch", PARTY, 6, 3),
    Fmt("-HD/TU", "Hướng dẫn", PARTY, 3, 2), Fmt("/QĐ-UBND", "Quyết định", STATE, 8, 12),
    Fmt("/KH-UBND", "Kế hoạch", STATE, 8, 4), Fmt("/CT-UBND", "Chỉ thị", STATE, 3, 2),
    Fmt("/CĐ-UBND", "Công điện", STATE, 4, 2), Fmt("/UBND-VX", "Công văn", STATE, 30, 8),
    Fmt("-TB/TW", "Thông báo", BBT, 2, 3), Fmt("-CV/VPTW", "Công văn", VPTW, 2, 20),
    Fmt("/VPCP-KGVX", "Công văn", VPCP, 4, 40), Fmt("/BYT-MT", "Công văn", BYT, 6, 40),
    Fmt("/QĐ-BYT", "Quyết định", BYT, 3, 30),
];
const CENTRAL_FMT0: usize = 12;
const CENTRAL: u16 = u16::MAX;
const CITIES: [&str; 5] = ["ha-noi", "hai-phong", "da-nang", "ho-chi-minh", "can-tho"];

/// A central directive: number, type, issuer, (year, month, day), subject as cited in text.
pub type Directive = (&'static str, &'static str, &'static str, (u16, u8, u8), &'static str);

/// Often-cited real central directives, most popular first (cited with probability
/// 0.34 / rank by documents dated after them).
#[rustfmt::skip]
pub const FAMOUS: [Directive; 14] = [
    ("16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", (2020, 3, 31), "về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19"),
    ("15/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", (2020, 3, 27), "về quyết liệt thực hiện đợt cao điểm phòng, chống dịch COVID-19"),
    ("19/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", (2020, 4, 24), "về tiếp tục thực hiện các biện pháp phòng, chống dịch COVID-19 trong tình hình mới"),
    ("07-KL/TW", "Kết luận", "Bộ Chính trị", (2021, 6, 11), "về một số nhiệm vụ, giải pháp tiếp tục đẩy mạnh phòng, chống dịch COVID-19 và phục hồi, phát triển kinh tế - xã hội"),
    ("128/NQ-CP", "Nghị quyết", "Chính phủ", (2021, 10, 11), "ban hành Quy định tạm thời “Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19”"),
    ("1102/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ", (2021, 8, 23), "về tăng cường các biện pháp cấp bách phòng, chống dịch COVID-19"),
    ("447/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", (2020, 4, 1), "về việc công bố dịch COVID-19"),
    ("05/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", (2020, 1, 28), "về việc phòng, chống dịch bệnh viêm đường hô hấp cấp do chủng mới của vi rút Corona gây ra"),
    ("253/TB-VPCP", "Thông báo", "Văn phòng Chính phủ", (2020, 7, 27), "kết luận của Thủ tướng Chính phủ tại cuộc họp Thường trực Chính phủ về phòng, chống dịch COVID-19"),
    ("68/NQ-CP", "Nghị quyết", "Chính phủ", (2021, 7, 1), "về một số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19"),
    ("42/NQ-CP", "Nghị quyết", "Chính phủ", (2020, 4, 9), "về các biện pháp hỗ trợ người dân gặp khó khăn do đại dịch COVID-19"),
    ("21/NQ-CP", "Nghị quyết", "Chính phủ", (2021, 2, 26), "về mua và sử dụng vắc xin phòng COVID-19"),
    ("10-TB/VPTW", "Thông báo", "Văn phòng Trung ương Đảng", (2021, 8, 24), "ý kiến chỉ đạo của Bộ Chính trị, Ban Bí thư về công tác phòng, chống dịch COVID-19"),
    ("11-CT/TW", "Chỉ thị", "Ban Bí thư", (2021, 12, 7), "về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống dịch COVID-19 trong tình hình mới"),
];
/// Formats of the 200 rarely cited synthetic central directives: suffix, type, issuer, serial step.
#[rustfmt::skip]
const SYN_FMTS: [(&str, &str, &str, usize); 6] = [
    ("/BYT-DP", "Công văn", "Bộ Y tế", 200), ("/CĐ-BYT", "Công điện", "Bộ Y tế", 40),
    ("/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ", 50), ("/TB-VPCP", "Thông báo", "Văn phòng Chính phủ", 10),
    ("/BGDĐT-GDTC", "Công văn", "Bộ Giáo dục và Đào tạo", 120),
    ("/LĐTBXH-BTXH", "Công văn", "Bộ Lao động - Thương binh và Xã hội", 100),
];
const SYN_COUNT: usize = 200;

#[rustfmt::skip]
const TAGS: [&str; 11] = ["covid-19", "tiêm chủng", "giãn cách", "kinh tế", "an sinh xã hội", "y tế", "giáo dục", "du lịch", "xét nghiệm", "cách ly", "chuyển đổi số"];
/// Title subjects (trích yếu) with the index of their topic tag.
#[rustfmt::skip]
const SUBJECTS: [(&str, usize); 26] = [
    ("tăng cường công tác phòng, chống dịch Covid-19", 0),
    ("triển khai các biện pháp cấp bách phòng, chống dịch Covid-19", 0),
    ("thực hiện giãn cách xã hội để phòng, chống dịch Covid-19", 2),
    ("nới lỏng các biện pháp giãn cách xã hội, từng bước khôi phục hoạt động", 2),
    ("đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19", 1),
    ("triển khai chiến dịch tiêm chủng vắc xin phòng Covid-19", 1),
    ("tổ chức xét nghiệm diện rộng để sàng lọc, phát hiện sớm các ca nhiễm", 8),
    ("quản lý, cách ly y tế người về từ vùng có dịch", 9),
    ("thiết lập và vận hành các khu cách ly tập trung", 9),
    ("hỗ trợ người lao động, người sử dụng lao động gặp khó khăn do đại dịch Covid-19", 4),
    ("bảo đảm an sinh xã hội cho người dân trong thời gian giãn cách", 4),
    ("phục hồi và phát triển kinh tế - xã hội trong điều kiện bình thường mới", 3),
    ("tháo gỡ khó khăn cho sản xuất, kinh doanh, bảo đảm chuỗi cung ứng hàng hóa", 3),
    ("tổ chức dạy và học an toàn trong bối cảnh dịch bệnh", 6),
    ("tổ chức kỳ thi tốt nghiệp trung học phổ thông bảo đảm an toàn phòng dịch", 6),
    ("kích cầu du lịch nội địa gắn với bảo đảm an toàn phòng, chống dịch", 7),
    ("nâng cao năng lực thu dung, điều trị người bệnh Covid-19", 5),
    ("huy động nguồn lực xã hội hóa cho công tác phòng, chống dịch", 0),
    ("ứng dụng công nghệ thông tin trong khai báo y tế và truy vết", 10),
    ("tạm dừng lễ hội và các hoạt động tập trung đông người", 0),
    ("chấn chỉnh công tác phòng, chống dịch tại các khu công nghiệp", 3),
    ("bảo đảm lưu thông hàng hóa, phương tiện vận tải qua các chốt kiểm soát", 3),
    ("thực hiện thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19", 0),
    ("triển khai mô hình chăm sóc người nhiễm Covid-19 tại nhà", 5),
    ("kiểm tra, giám sát việc thực hiện các biện pháp phòng, chống dịch", 0),
    ("tổ chức đại hội đảng bộ các cấp bảo đảm an toàn phòng, chống dịch", 0),
];
#[rustfmt::skip]
const SUFFIXES: [&str; 9] = ["", "", "", " trong tình hình mới", " {DB}", " trong thời gian tới", " năm {Y}", " đợt {N}", " trong giai đoạn hiện nay"];
// Sentence banks. Placeholders are expanded by `fill`.
#[rustfmt::skip]
const OPENINGS: [&str; 5] = [
    "Thời gian qua, tình hình dịch bệnh Covid-19 trên thế giới và trong nước tiếp tục diễn biến phức tạp, khó lường; riêng {DB} đã ghi nhận {N} ca mắc mới trong cộng đồng, nguy cơ lây lan dịch bệnh là rất lớn.",
    "Trước diễn biến phức tạp của dịch bệnh Covid-19, với tinh thần “chống dịch như chống giặc”, các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể {DB} đã vào cuộc quyết liệt, bước đầu kiểm soát được tình hình.",
    "Qua {N} ngày thực hiện giãn cách xã hội, tình hình dịch bệnh {DB} cơ bản được kiểm soát, tuy nhiên nguy cơ dịch bùng phát trở lại vẫn còn rất cao.",
    "Hiện nay, dịch bệnh có tốc độ lây lan nhanh, gây áp lực rất lớn lên hệ thống y tế; nhiều địa phương trong cả nước phải áp dụng các biện pháp phòng, chống dịch ở mức cao nhất.",
    "Những ngày gần đây, số ca nhiễm mới {DB} có chiều hướng gia tăng, xuất hiện nhiều chuỗi lây nhiễm chưa rõ nguồn gốc.",
];
#[rustfmt::skip]
const AFTER_CITES: [&str; 3] = [
    "{DV} đã lãnh đạo, chỉ đạo triển khai quyết liệt, đồng bộ các giải pháp phòng, chống dịch và đạt được những kết quả quan trọng.",
    "công tác phòng, chống dịch {DB} được triển khai kịp thời, góp phần kiểm soát tốt tình hình dịch bệnh.",
    "các cấp, các ngành đã vào cuộc tích cực, thực hiện nghiêm các biện pháp phòng, chống dịch, bảo đảm “mục tiêu kép”.",
];
#[rustfmt::skip]
const SITUATION: [&str; 6] = [
    "Bên cạnh những kết quả đạt được, công tác phòng, chống dịch vẫn còn một số hạn chế: một số cấp ủy, chính quyền chưa thực sự quyết liệt; việc quản lý người về từ vùng có dịch có lúc, có nơi còn lỏng lẻo.",
    "Tâm lý chủ quan, lơ là của một bộ phận người dân còn phổ biến, việc thực hiện Thông điệp 5K chưa nghiêm.",
    "Đến nay, tỷ lệ bao phủ vắc xin {DB} mới đạt {PCT}% so với kế hoạch, vẫn còn nhiều đối tượng có nguy cơ cao chưa được tiêm đủ liều.",
    "Hoạt động sản xuất, kinh doanh của doanh nghiệp gặp nhiều khó khăn, đời sống của một bộ phận người lao động bị ảnh hưởng nghiêm trọng.",
    "Hệ thống y tế cơ sở còn thiếu nhân lực, trang thiết bị, chưa sẵn sàng cho tình huống số ca mắc tăng cao.",
    "Công tác phối hợp giữa các sở, ngành và địa phương trong kiểm soát người và phương tiện ra vào {DB} có lúc chưa chặt chẽ.",
];
#[rustfmt::skip]
const TRANSITIONS: [&str; 4] = [
    "Để tiếp tục lãnh đạo, chỉ đạo thực hiện có hiệu quả công tác phòng, chống dịch, {DV} yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:",
    "Nhằm chủ động ứng phó với mọi tình huống của dịch bệnh, bảo đảm thực hiện thắng lợi “mục tiêu kép”, {DV} đề nghị các cơ quan, đơn vị, địa phương triển khai ngay các nội dung sau:",
    "{DV} chỉ đạo như sau:",
    "Để kịp thời ngăn chặn, kiểm soát và đẩy lùi dịch bệnh, {DV} yêu cầu:",
];
#[rustfmt::skip]
const HEADINGS: [&str; 10] = [
    "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền", "Đẩy mạnh công tác thông tin, tuyên truyền",
    "Kiểm soát chặt chẽ người và phương tiện", "Đẩy nhanh tiến độ tiêm vắc xin",
    "Nâng cao năng lực xét nghiệm, thu dung, điều trị", "Bảo đảm an sinh xã hội", "Duy trì sản xuất, kinh doanh an toàn",
    "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể", "Tăng cường kiểm tra, giám sát",
    "Chuẩn bị sẵn sàng phương án “bốn tại chỗ”",
];
/// 23 entries (a prime), so any stride visits every task before repeating one.
#[rustfmt::skip]
const TASKS: [&str; 23] = [
    "Các cấp ủy, tổ chức đảng tiếp tục quán triệt sâu sắc tinh thần “chống dịch như chống giặc”, không được chủ quan, lơ là, mất cảnh giác.",
    "Người đứng đầu cấp ủy, chính quyền các cấp phải chịu trách nhiệm trước {DV} nếu để dịch bệnh lây lan trong cộng đồng do thiếu trách nhiệm.",
    "Thực hiện nghiêm phương châm “bốn tại chỗ” (chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện tại chỗ, hậu cần tại chỗ), không để bị động, bất ngờ trong mọi tình huống.",
    "Sở Y tế chủ trì, phối hợp với các địa phương tổ chức tiêm vắc xin phòng Covid-19 an toàn, khoa học, đúng đối tượng, phấn đấu hoàn thành kế hoạch trong {N} ngày.",
    "Tổ Covid cộng đồng tăng cường rà soát, nắm chắc tình hình người dân trên địa bàn theo phương châm “đi từng ngõ, gõ từng nhà, rà từng đối tượng”.",
    "{UB} các huyện, thị xã, thành phố chủ động xây dựng kịch bản ứng phó với các cấp độ dịch, bảo đảm sẵn sàng cơ sở thu dung, điều trị với quy mô ít nhất {N}0 giường.",
    "Tổ chức xét nghiệm sàng lọc định kỳ cho các đối tượng có nguy cơ cao như lái xe, người bán hàng tại chợ, công nhân tại các khu công nghiệp.",
    "Yêu cầu các doanh nghiệp, cơ sở sản xuất thực hiện nghiêm phương án “3 tại chỗ” hoặc “1 cung đường, 2 điểm đến”, bảo đảm an toàn cho người lao động.",
    "Kịp thời hỗ trợ lương thực, thực phẩm, nhu yếu phẩm cho người dân gặp khó khăn, không để người dân nào thiếu ăn, thiếu mặc, không để ai bị bỏ lại phía sau.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội phát huy vai trò giám sát, vận động Nhân dân đồng thuận, chung tay cùng chính quyền phòng, chống dịch.",
    "Cơ quan thông tin, báo chí tăng cường tuyên truyền, cung cấp thông tin chính xác, kịp thời về tình hình dịch bệnh; kiên quyết xử lý các hành vi đưa tin sai sự thật.",
    "Xử lý nghiêm các tổ chức, cá nhân vi phạm quy định về phòng, chống dịch; kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
    "Quản lý chặt chẽ các trường hợp cách ly tại nhà, nơi lưu trú; ứng dụng công nghệ thông tin trong khai báo y tế, truy vết và quản lý người cách ly.",
    "Sở Giáo dục và Đào tạo chủ động phương án tổ chức dạy học linh hoạt, kết hợp trực tiếp và trực tuyến phù hợp với cấp độ dịch của từng địa bàn.",
    "Sở Kế hoạch và Đầu tư, Sở Công Thương kịp thời tháo gỡ khó khăn, vướng mắc cho doanh nghiệp, bảo đảm lưu thông hàng hóa thông suốt.",
    "Phát huy tinh thần “mỗi người dân là một chiến sĩ, mỗi xã, phường là một pháo đài” trong phòng, chống dịch.",
    "Thực hiện nghiêm Thông điệp 5K: khẩu trang, khử khuẩn, khoảng cách, không tập trung, khai báo y tế.",
    "Tạm dừng các sự kiện tập trung trên {N} người ở nơi công cộng; hạn chế tổ chức hội nghị, hội thảo không cần thiết.",
    "Đẩy mạnh chuyển đổi số, khuyến khích thanh toán không dùng tiền mặt, thực hiện dịch vụ công trực tuyến mức độ 3, 4.",
    "Các cơ sở khám bệnh, chữa bệnh thực hiện nghiêm việc phân luồng, sàng lọc, cách ly người bệnh, không để lây nhiễm chéo trong bệnh viện.",
    "Lực lượng công an, quân sự phối hợp chặt chẽ với ngành y tế trong điều tra dịch tễ, truy vết các trường hợp tiếp xúc gần (F1, F2).",
    "Cán bộ, đảng viên phải gương mẫu chấp hành các quy định phòng, chống dịch, đi đầu trong việc tiêm vắc xin và vận động gia đình, người thân cùng thực hiện.",
    "Ngành Lao động - Thương binh và Xã hội rà soát, lập danh sách đối tượng được hỗ trợ, bảo đảm chi trả kịp thời, đúng đối tượng, công khai, minh bạch.",
];
#[rustfmt::skip]
const BULLETS: [&str; 10] = [
    "Kiểm soát chặt chẽ các chốt kiểm dịch ở cửa ngõ ra, vào {DB}.",
    "Rà soát, lập danh sách người cao tuổi, người có bệnh nền để ưu tiên tiêm vắc xin.",
    "Bảo đảm đủ thuốc, vật tư y tế, oxy y tế phục vụ điều trị.",
    "Thành lập các tổ tiêm chủng lưu động tại xã, phường, thị trấn.",
    "Công khai số điện thoại đường dây nóng để tiếp nhận phản ánh của Nhân dân.",
    "Phân loại, thu gom và xử lý chất thải y tế đúng quy định.",
    "Báo cáo kết quả thực hiện về {VP} trước ngày {N} hằng tháng.",
    "Tuyệt đối không để xảy ra tình trạng lợi dụng, trục lợi chính sách hỗ trợ.",
    "Bố trí lực lượng trực 24/24 giờ tại các khu cách ly tập trung.",
    "Vận động người dân cài đặt và sử dụng ứng dụng khai báo y tế.",
];
#[rustfmt::skip]
const CLOSINGS: [&str; 3] = [
    "Đề nghị các cấp ủy, tổ chức đảng, cơ quan, đơn vị nghiêm túc quán triệt, triển khai thực hiện; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo {DV} để xem xét, chỉ đạo./.",
    "Nhận được văn bản này, yêu cầu các cơ quan, đơn vị, địa phương khẩn trương triển khai thực hiện./.",
    "Giao {VP} theo dõi, đôn đốc, định kỳ tổng hợp tình hình, kết quả thực hiện, báo cáo {DV}./.",
];
#[rustfmt::skip]
const RECIPIENTS: [&[&str]; 3] = [
    &["Các ban cán sự đảng, đảng đoàn ở {T}", "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc {TU}",
      "Các ban, cơ quan tham mưu, giúp việc {TU}", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội {T}",
      "Các đồng chí {TU} viên"],
    &["Các sở, ban, ngành {T}", "{UB} các huyện, thị xã, thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam {T}",
      "Các doanh nghiệp trên địa bàn {T}"],
    &["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Các tỉnh ủy, thành ủy trực thuộc Trung ương",
      "{UB} các tỉnh, thành phố trực thuộc Trung ương", "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"],
];
/// Nơi nhận: the first and last entries always, the middle ones sometimes.
#[rustfmt::skip]
const DISTRIBUTION: [[&str; 4]; 3] = [
    ["Như kính gửi", "Thường trực {TU}", "Các đồng chí {TU} viên", "Lưu {VP}"],
    ["Như trên", "TT {TU}, TT HĐND {T} (b/c)", "Chủ tịch, các PCT UBND {T}", "Lưu: VT, KGVX"],
    ["Như trên", "Các đơn vị liên quan", "Cổng Thông tin điện tử", "Lưu: VT"],
];
#[rustfmt::skip]
const FAMILY: [&str; 16] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
#[rustfmt::skip]
const MIDDLE: [&str; 14] = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Hồng", "Ngọc", "Xuân", "Đình", "Công", "Quang", "Thế"];
#[rustfmt::skip]
const GIVEN: [&str; 18] = ["Hùng", "Dũng", "Quảng", "Thắng", "Hải", "Sơn", "Tuấn", "Long", "Nam", "Bình", "Phúc", "Khánh", "Thành", "Trung", "Cường", "Vinh", "Toàn", "Nghĩa"];
const FEMALE: [&str; 6] = ["Lan", "Hương", "Hà", "Mai", "Thủy", "Hạnh"];

#[derive(Clone, Copy)]
struct Plan {
    prov: u16,
    day: u16,
    year: u16, // shown year, 0 when undated
    prec: u8,  // 0 full date, 1 year-month, 2 year only, 3 none
    fmt: u8,
    btv: bool, // Party issuer is the Ban Thường vụ rather than the whole Tỉnh ủy
    numbered: bool,
    serial: u32,
}

/// Template variables of one issuer: địa bàn phrase, self name, office, "tỉnh", "Tỉnh ủy", year.
struct Vars(&'static str, &'static str, &'static str, &'static str, &'static str, u16);

struct Cite {
    number: String,
    kind: &'static str,
    issuer: String,
    short: String,
    day: u16,
    subject: String,
}

struct Ctx<'a> {
    seed: u64,
    provs: &'a [ProvinceRef],
    cums: [Vec<u64>; 4], // provinces, provincial formats, central formats, days
    days: Vec<(u16, u8, u8)>,
    plan: Vec<Plan>,
    own: Vec<Vec<u32>>, // per province: fully dated numbered documents, by date
}

fn month_len(y: u16, m: u8) -> u8 {
    match m {
        2 => 28 + u8::from(y & 3 == 0),
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn prefix_sums(w: impl Iterator<Item = u64>) -> Vec<u64> {
    w.scan(0, |s, x| Some(std::mem::replace(s, *s + x) + x)).collect()
}

/// Writes `count` directive files under `dest` (creating folders). Deterministic: same options
/// + provinces → byte-identical files, regardless of thread count.
pub fn generate(dest: &Path, provinces: &[ProvinceRef], opts: &SynthOptions) -> io::Result<SynthStats> {
    let seed = opts.seed;
    let mut days = Vec::with_capacity(1096);
    for y in 2020..=2022u16 {
        for m in 1..=12u8 {
            days.extend((1..=month_len(y, m)).map(|d| (y, m, d)));
        }
    }
    // Waves: Feb–Apr 2020, Aug 2020, early 2021, summer 2021, Omicron; few on weekends.
    let day_w = days.iter().enumerate().map(|(k, &(y, m, _))| {
        let w = match (y, m) {
            (2020, 4) => 45,
            (2021, 6..=9) => 50,
            (2020, 8) => 35,
            (2020, 2 | 3) | (2021, 5) => 25,
            (2021, 2 | 10..=12) | (2022, 1..=3) => 20,
            _ => 10,
        };
        w / [1, 1, 1, 1, 1, 4, 4][(k + 2) % 7] // 2020-01-01 was a Wednesday
    });
    // Zipf-like province weights rank^-0.625 over a seed-shuffled order (exact float ops only).
    let mut order: Vec<usize> = (0..provinces.len()).collect();
    let mut r = Rng::new(seed, S_SHUF, 0);
    for k in (1..order.len()).rev() {
        order.swap(k, r.below(k + 1));
    }
    let mut pw = vec![0u64; provinces.len()];
    for (rank, &p) in order.iter().enumerate() {
        let x = (rank + 1) as f64;
        pw[p] = (1e9 / (x.sqrt() * x.sqrt().sqrt().sqrt())) as u64;
    }
    let fmt_w = |f: &Fmt| f.3;
    let mut c = Ctx {
        seed,
        provs: provinces,
        cums: [
            prefix_sums(pw.into_iter()),
            prefix_sums(FMTS[..CENTRAL_FMT0].iter().map(fmt_w)),
            prefix_sums(FMTS[CENTRAL_FMT0..].iter().map(fmt_w)),
            prefix_sums(day_w),
        ],
        days,
        plan: Vec::new(),
        own: vec![Vec::new(); provinces.len()],
    };
    let mut plan: Vec<Plan> = (0..opts.count).into_par_iter().map(|i| plan_one(&c, i)).collect();
    // Serials per (province, shown year, format), increasing with the date; disjoint
    // intervals [rank*gap+1, rank*gap+gap] keep them unique.
    let mut idx: Vec<u32> = (0..plan.len() as u32).filter(|&i| plan[i as usize].numbered).collect();
    idx.sort_unstable_by_key(|&i| {
        let p = &plan[i as usize];
        (p.prov, p.year, p.fmt, p.day, i)
    });
    let mut group_sizes: HashMap<(u16, u16, u8), usize> = HashMap::new();
    for &i in &idx {
        let p = &plan[i as usize];
        *group_sizes.entry((p.prov, p.year, p.fmt)).or_default() += 1;
    }
    let (mut prev, mut rank) = (None, 0u32);
    for &i in &idx {
        let p = &mut plan[i as usize];
        let group = (p.prov, p.year, p.fmt);
        if prev != Some(group) {
            (prev, rank) = (Some(group), 0);
        }
        let gap = serial_gap(FMTS[p.fmt as usize].4, group_sizes[&group]);
        p.serial = 1 + rank * gap + Rng::new(seed, S_SERIAL, i as u64).below(gap as usize) as u32;
        rank += 1;
    }
    for (i, p) in plan.iter().enumerate() {
        if p.prov != CENTRAL && p.numbered && p.prec == 0 {
            c.own[p.prov as usize].push(i as u32);
        }
    }
    for l in &mut c.own {
        l.sort_by_key(|&i| (plan[i as usize].day, i));
    }
    let dirs: BTreeSet<String> = plan.iter().map(|p| dir_of(&c, p)).collect();
    for d in &dirs {
        fs::create_dir_all(dest.join(d))?;
    }
    c.plan = plan;
    let bytes = (0..opts.count)
        .into_par_iter()
        .map_init(String::new, |buf, i| {
            buf.clear();
            let rel = render(&c, i, buf);
            fs::write(dest.join(rel), buf.as_bytes()).map(|_| buf.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(SynthStats { files: opts.count, bytes })
}

fn plan_one(c: &Ctx, i: usize) -> Plan {
    let mut r = Rng::new(c.seed, S_PLAN, i as u64);
    let central = r.chance(0.03) || c.provs.is_empty();
    let prov = if central { CENTRAL } else { r.cum(&c.cums[0]) as u16 };
    let day = r.cum(&c.cums[3]) as u16;
    let prec = match r.below(100) {
        0 => 3,
        1 | 2 => 2,
        3..=6 => 1,
        _ => 0,
    };
    let fmt = if central { CENTRAL_FMT0 + r.cum(&c.cums[2]) } else { r.cum(&c.cums[1]) } as u8;
    let year = if prec < 3 { c.days[day as usize].0 } else { 0 };
    let (btv, numbered) = (r.chance(0.5), !r.chance(0.02));
    Plan { prov, day, year, prec, fmt, btv, numbered, serial: 0 }
}

fn number_of(p: &Plan) -> Option<String> {
    let suffix = FMTS[p.fmt as usize].0;
    let pad = if suffix.starts_with('-') { 2 } else { 1 };
    p.numbered.then(|| format!("{:0pad$}{suffix}", p.serial))
}

fn dir_of(c: &Ctx, p: &Plan) -> String {
    let slug = if p.prov == CENTRAL { "trung-uong" } else { &c.provs[p.prov as usize].slug };
    match p.year {
        0 => format!("{slug}/khong-ro"),
        y => format!("{slug}/{y}"),
    }
}

/// ASCII file-name slug of a document number: "2644-CV/TU" → "2644-cv-tu", "Đ" → "d".
fn slug(s: &str) -> String {
    let mut o = String::new();
    for ch in s.chars() {
        let ch = match ch {
            'Đ' | 'đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if ch != '-' || !(o.is_empty() || o.ends_with('-')) {
            o.push(ch);
        }
    }
    o.trim_end_matches('-').to_string()
}

/// Full issuer name and template variables of a planned document.
fn who(c: &Ctx, p: &Plan) -> (String, Vars) {
    let year = c.days[p.day as usize].0;
    let org = FMTS[p.fmt as usize].2;
    if let Org::Central(issuer, _, _, vp) = org {
        return (issuer.into(), Vars("trên phạm vi cả nước", issuer, vp, "", "", year));
    }
    let pr = &c.provs[p.prov as usize];
    let (city, hcm) = (CITIES.contains(&pr.slug.as_str()), pr.slug == "ho-chi-minh");
    let name = if hcm { "Thành phố Hồ Chí Minh" } else { pr.name.as_str() };
    let (t, tu, db) = match city {
        true => ("thành phố", "Thành ủy", "trên địa bàn thành phố"),
        false => ("tỉnh", "Tỉnh ủy", "trên địa bàn tỉnh"),
    };
    let (dv, vp) = match (org, city, p.btv) {
        (Org::Party, false, false) => ("Tỉnh ủy", "Văn phòng Tỉnh ủy"),
        (Org::Party, false, true) => ("Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh ủy"),
        (Org::Party, true, false) => ("Thành ủy", "Văn phòng Thành ủy"),
        (Org::Party, true, true) => ("Ban Thường vụ Thành ủy", "Văn phòng Thành ủy"),
        (_, false, _) => ("Ủy ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        _ => ("Ủy ban nhân dân thành phố", "Văn phòng Ủy ban nhân dân thành phố"),
    };
    let full = match hcm && org == Org::State {
        true => format!("Ủy ban nhân dân {name}"),
        false => format!("{dv} {name}"),
    };
    (full, Vars(db, dv, vp, t, tu, year))
}

/// Expands `{DB}`, `{DV}`, `{VP}`, `{T}`, `{TU}`, `{UB}`, `{N}`, `{PCT}` and `{Y}`.
fn fill(out: &mut String, tpl: &str, v: &Vars, r: &mut Rng) {
    let mut rest = tpl;
    while let Some(a) = rest.find('{') {
        out.push_str(&rest[..a]);
        let b = a + rest[a..].find('}').expect("unclosed placeholder");
        match &rest[a + 1..b] {
            "DB" => out.push_str(v.0),
            "DV" => out.push_str(v.1),
            "VP" => out.push_str(v.2),
            "T" => out.push_str(v.3),
            "TU" => out.push_str(v.4),
            "UB" if r.chance(0.2) => out.push_str("Uỷ ban nhân dân"), // old tone placement
            "UB" => out.push_str("Ủy ban nhân dân"),
            "N" => write!(out, "{}", 2 + r.below(28)).unwrap(),
            "PCT" => write!(out, "{}", 55 + r.below(44)).unwrap(),
            _ => write!(out, "{}", v.5).unwrap(),
        }
        rest = &rest[b + 1..];
    }
    out.push_str(rest);
}

/// Title of document `j` (also used when other documents cite it) and its topic tag.
fn doc_title(c: &Ctx, j: usize) -> (String, usize) {
    make_title(&mut Rng::new(c.seed, S_TITLE, j as u64), &who(c, &c.plan[j]).1)
}

fn make_title(r: &mut Rng, v: &Vars) -> (String, usize) {
    let ((s, tag), mut t) = (r.pick(&SUBJECTS), String::new());
    fill(&mut t, s, v, r);
    let suffix = r.pick(&SUFFIXES);
    fill(&mut t, suffix, v, r);
    (t, tag)
}

/// The `j`-th rarely cited synthetic central directive (not generated as a file).
fn synthetic(c: &Ctx, j: usize) -> Cite {
    let mut r = Rng::new(c.seed, S_SYN, j as u64);
    let (suffix, kind, issuer, step) = SYN_FMTS[j % SYN_FMTS.len()];
    let mut serial = 1 + (j / SYN_FMTS.len()) * step + r.below(step - 1);
    if FAMOUS.iter().any(|f| f.0 == format!("{serial}{suffix}")) {
        serial += 1; // still inside this entry's serial interval, so numbers stay unique
    }
    let number = format!("{serial}{suffix}");
    let day = r.below(c.days.len()) as u16;
    let v = Vars("trên phạm vi cả nước", issuer, "", "", "", c.days[day as usize].0);
    let subject = format!("về {}", make_title(&mut r, &v).0);
    let (issuer, short) = (issuer.into(), issuer.into());
    Cite { number, kind, issuer, short, day, subject }
}

fn q(out: &mut String, key: &str, s: &str) {
    out.push_str(key);
    out.push('"');
    for ch in s.chars() {
        if ch == '"' || ch == '\\' {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
}

/// Renders document `i` into `out`; returns its path relative to the destination.
fn render(c: &Ctx, i: usize, out: &mut String) -> String {
    let p = c.plan[i];
    let Fmt(_, kind, org, _, _) = FMTS[p.fmt as usize];
    let mut r = Rng::new(c.seed, S_BODY, i as u64);
    let (issuer, v) = who(c, &p);
    let ((title, topic), number) = (doc_title(c, i), number_of(&p));
    let (y, m, d) = c.days[p.day as usize];
    // Only directives dated strictly before the shown (possibly partial) date are cited.
    let lb = match p.prec {
        1 => p.day + 1 - d as u16,
        2 => c.days.partition_point(|&x| x.0 < y) as u16,
        _ => p.day,
    };
    let mut cites = Vec::new();
    for (k, &(number, kind, issuer, date, subject)) in FAMOUS.iter().enumerate() {
        let day = c.days.binary_search(&date).expect("valid date") as u16;
        if day < lb && r.chance(0.34 / (k + 1) as f64) {
            let (number, subject) = (number.into(), subject.into());
            cites.push(Cite { number, kind, issuer: issuer.into(), short: issuer.into(), day, subject });
        }
    }
    if r.chance(0.3) {
        let s = synthetic(c, r.below(SYN_COUNT));
        cites.extend((s.day < lb).then_some(s));
    }
    if p.prov != CENTRAL && r.chance(0.25) {
        let list = &c.own[p.prov as usize];
        let k = list.partition_point(|&j| c.plan[j as usize].day < lb);
        if k > 0 {
            let j = list[k - 1 - r.below(k.min(40))] as usize; // a recent one of the same province
            let (cp, (issuer, cv)) = (&c.plan[j], who(c, &c.plan[j]));
            let (number, subject) = (number_of(cp).unwrap(), format!("về {}", doc_title(c, j).0));
            let (kind, short, day) = (FMTS[cp.fmt as usize].1, cv.1.into(), cp.day);
            cites.push(Cite { number, kind, issuer, short, day, subject });
        }
    }
    cites.sort_by_key(|ct| ct.day);
    // ~5% of documents mention one citation only in the running text.
    let hidden = (!cites.is_empty() && r.chance(0.07)).then(|| r.below(cites.len()));

    q(out, "---\ntitle: ", &title);
    if let Some(n) = &number {
        q(out, "\nnumber: ", n);
    }
    q(out, "\ntype: ", kind);
    q(out, "\nissuer: ", &issuer);
    if p.prov != CENTRAL {
        q(out, "\nprovince: ", &c.provs[p.prov as usize].name);
    }
    match p.prec {
        0 => write!(out, "\ndate: {y}-{m:02}-{d:02}").unwrap(),
        1 => write!(out, "\ndate: {y}-{m:02}").unwrap(),
        2 => write!(out, "\ndate: {y}").unwrap(),
        _ => {}
    }
    let place = match issuer.split_once(" Thành phố ") {
        _ if p.prov == CENTRAL => "Hà Nội",
        Some(_) => "Thành phố Hồ Chí Minh",
        None => &c.provs[p.prov as usize].name,
    };
    q(out, "\nplace: ", place);
    if !r.chance(0.05) {
        let (role, pos, auth) = match org {
            Org::Party if r.chance(0.35) => (0, "Bí thư", "T/M Ban Thường vụ"),
            Org::Party => (1 + r.below(2), "Phó Bí thư", "T/M Ban Thường vụ"),
            Org::State if r.chance(0.3) => (3, "Chủ tịch", "T/M Ủy ban nhân dân"),
            Org::State => (4 + r.below(3), "Phó Chủ tịch", "K/T Chủ tịch"),
            Org::Central(_, pos, auth, _) => (8 + r.below(2), pos, auth),
        };
        // The same few office holders sign for a province (or central office) throughout.
        let holder = if p.prov == CENTRAL { 1 << 32 | (p.fmt as u64) << 8 } else { (p.prov as u64) << 8 };
        let mut nr = Rng::new(c.seed, S_NAME, holder | role as u64);
        let (fam, mid) = (nr.pick(&FAMILY), nr.pick(&MIDDLE));
        let given = nr.pick(if mid == "Thị" { &FEMALE } else { &GIVEN[..] });
        q(out, "\nsigner:\n  name: ", &format!("{fam} {mid} {given}"));
        q(out, "\n  position: ", pos);
        q(out, "\n  authority: ", auth);
    }
    let o = match org {
        Org::Party => 0,
        Org::State => 1,
        Org::Central(..) => 2,
    };
    let mut s = String::new();
    if !r.chance(0.03) {
        out.push_str("\nrecipients:");
        let (pool, start) = (RECIPIENTS[o], r.below(RECIPIENTS[o].len()));
        for k in 0..1 + r.below(3) {
            s.clear();
            fill(&mut s, pool[(start + k) % pool.len()], &v, &mut r);
            q(out, "\n  - ", &s);
        }
    }
    out.push_str("\ndistribution:");
    for (k, tpl) in DISTRIBUTION[o].iter().enumerate() {
        if k == 0 || k == 3 || r.chance(0.4) {
            s.clear();
            fill(&mut s, tpl, &v, &mut r);
            q(out, "\n  - ", &s);
        }
    }
    if cites.len() > hidden.map_or(0, |_| 1) {
        out.push_str("\ncites:");
        for (_, ct) in cites.iter().enumerate().filter(|&(k, _)| Some(k) != hidden) {
            if r.chance(0.4) {
                q(out, "\n  - ", &ct.number);
                continue;
            }
            q(out, "\n  - number: ", &ct.number);
            q(out, "\n    type: ", ct.kind);
            q(out, "\n    issuer: ", &ct.issuer);
            let (cy, cm, cd) = c.days[ct.day as usize];
            write!(out, "\n    date: {cy}-{cm:02}-{cd:02}").unwrap();
        }
    }
    let mut tags: Vec<&str> = Vec::new();
    for k in 0..r.below(4) {
        let t = [TAGS[topic], TAGS[0]].get(k).copied().unwrap_or_else(|| r.pick(&TAGS));
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    for (k, t) in tags.iter().enumerate() {
        q(out, if k == 0 { "\ntags: [" } else { ", " }, t);
    }
    out.push_str(if tags.is_empty() { "" } else { "]" });
    out.push_str("\nsource: \"synthetic\"\n---\n\n");

    let (start, target) = (out.len(), 2300 + r.below(5000));
    if cites.is_empty() {
        fill(out, r.pick(&OPENINGS), &v, &mut r);
    } else {
        out.push_str("Thực hiện ");
        for (k, ct) in cites.iter().enumerate() {
            out.push_str(match k {
                0 => "",
                _ if k + 1 == cites.len() => " và ",
                _ => "; ",
            });
            let ((cy, cm, cd), comma) = (c.days[ct.day as usize], if r.chance(0.5) { "," } else { "" });
            write!(out, "{} số {}{comma} ngày {cd}/{cm}/{cy} của {}", ct.kind, ct.number, ct.short).unwrap();
            if r.chance(0.6) {
                write!(out, " {}", ct.subject).unwrap();
            }
        }
        out.push_str(", ");
        fill(out, r.pick(&AFTER_CITES), &v, &mut r);
    }
    let s0 = r.below(SITUATION.len());
    for k in 0..1 + r.below(3) {
        out.push(' ');
        fill(out, SITUATION[(s0 + k) % SITUATION.len()], &v, &mut r);
    }
    out.push_str("\n\n");
    fill(out, r.pick(&TRANSITIONS), &v, &mut r);
    out.push_str("\n\n");
    // Numbered points walk the task bank with a random stride until the target size.
    let (mut task, stride, h0) = (r.below(TASKS.len()), 1 + r.below(TASKS.len() - 1), r.below(HEADINGS.len()));
    for n in 1.. {
        s.clear();
        write!(s, "{n}. ").unwrap();
        if r.chance(0.6) {
            write!(s, "**{}.** ", HEADINGS[(h0 + n) % HEADINGS.len()]).unwrap();
        }
        if let (2, Some(ct)) = (n, cites.last()) {
            write!(s, "Tiếp tục thực hiện nghiêm túc {} số {} của {}. ", ct.kind, ct.number, ct.short).unwrap();
        }
        for k in 0..2 + r.below(3) {
            s.push_str(if k > 0 { " " } else { "" });
            fill(&mut s, TASKS[task], &v, &mut r);
            task = (task + stride) % TASKS.len();
        }
        if r.chance(0.35) {
            let b0 = r.below(BULLETS.len());
            for k in 0..2 + r.below(3) {
                s.push_str(if k > 0 { "\n- " } else { "\n\n- " });
                fill(&mut s, BULLETS[(b0 + k) % BULLETS.len()], &v, &mut r);
            }
        }
        s.push_str("\n\n");
        if out.len() - start + s.len() > 7700 {
            break;
        }
        out.push_str(&s);
        if out.len() - start >= target {
            break;
        }
    }
    fill(out, r.pick(&CLOSINGS), &v, &mut r);
    out.push('\n');
    let file = number.as_deref().map_or_else(|| format!("khong-so-{i}"), slug);
    format!("{}/{file}.md", dir_of(c, &p))
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap, HashSet};
    use std::path::PathBuf;
    use std::sync::OnceLock;

    const PROVS: &str = "Hà Nội:ha-noi;Hà Giang:ha-giang;Cao Bằng:cao-bang;Bắc Kạn:bac-kan;Tuyên Quang:tuyen-quang;Lào Cai:lao-cai;\
Điện Biên:dien-bien;Lai Châu:lai-chau;Sơn La:son-la;Yên Bái:yen-bai;Hòa Bình:hoa-binh;Thái Nguyên:thai-nguyen;\
Lạng Sơn:lang-son;Quảng Ninh:quang-ninh;Bắc Giang:bac-giang;Phú Thọ:phu-tho;Vĩnh Phúc:vinh-phuc;Bắc Ninh:bac-ninh;\
Hải Dương:hai-duong;Hải Phòng:hai-phong;Hưng Yên:hung-yen;Thái Bình:thai-binh;Hà Nam:ha-nam;Nam Định:nam-dinh;\
Ninh Bình:ninh-binh;Thanh Hóa:thanh-hoa;Nghệ An:nghe-an;Hà Tĩnh:ha-tinh;Quảng Bình:quang-binh;Quảng Trị:quang-tri;\
Thừa Thiên Huế:thua-thien-hue;Đà Nẵng:da-nang;Quảng Nam:quang-nam;Quảng Ngãi:quang-ngai;Bình Định:binh-dinh;Phú Yên:phu-yen;\
Khánh Hòa:khanh-hoa;Ninh Thuận:ninh-thuan;Bình Thuận:binh-thuan;Kon Tum:kon-tum;Gia Lai:gia-lai;Đắk Lắk:dak-lak;\
Đắk Nông:dak-nong;Lâm Đồng:lam-dong;Bình Phước:binh-phuoc;Tây Ninh:tay-ninh;Bình Dương:binh-duong;Đồng Nai:dong-nai;\
Bà Rịa - Vũng Tàu:ba-ria-vung-tau;Hồ Chí Minh:ho-chi-minh;Long An:long-an;Tiền Giang:tien-giang;Bến Tre:ben-tre;Trà Vinh:tra-vinh;\
Vĩnh Long:vinh-long;Đồng Tháp:dong-thap;An Giang:an-giang;Kiên Giang:kien-giang;Cần Thơ:can-tho;Hậu Giang:hau-giang;\
Sóc Trăng:soc-trang;Bạc Liêu:bac-lieu;Cà Mau:ca-mau";
    const N: usize = 3000;

    fn provinces() -> Vec<ProvinceRef> {
        let pair = |e: &str| e.split_once(':').map(|(n, s)| ProvinceRef { name: n.into(), slug: s.into() });
        PROVS.split(';').filter_map(pair).collect()
    }

    /// Generates into a unique temp dir, reads every file back (relative path → text), cleans up.
    fn corpus(tag: &str, count: usize, seed: u64) -> BTreeMap<String, String> {
        let dir = std::env::temp_dir().join(format!("vanban-synth-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let stats = generate(&dir, &provinces(), &SynthOptions { count, seed }).unwrap();
        let (mut files, mut stack) = (BTreeMap::new(), vec![dir.clone()]);
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let path: PathBuf = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(&dir).unwrap().to_str().unwrap().to_string();
                    files.insert(rel, fs::read_to_string(&path).unwrap());
                }
            }
        }
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(stats, SynthStats { files: files.len(), bytes: files.values().map(|t| t.len() as u64).sum() });
        files
    }

    #[derive(Default)]
    struct Meta {
        province: String,
        number: String,
        date: String,
        cites: Vec<(String, String)>,
        body: usize,
    }

    fn parse(text: &str) -> Meta {
        assert!(text.starts_with("---\n"));
        let end = 4 + text[4..].find("\n---\n").expect("closing ---");
        let (mut m, mut section) = (Meta { body: text.len() - end - 5, ..Meta::default() }, "");
        let unq = |s: &str| s.trim_matches('"').to_string();
        for line in text[4..end].lines() {
            if !line.starts_with(' ') {
                section = line.split(':').next().unwrap();
            }
            if let Some(v) = line.strip_prefix("province: ") {
                m.province = unq(v);
            } else if let Some(v) = line.strip_prefix("number: ") {
                m.number = unq(v);
            } else if let Some(v) = line.strip_prefix("date: ") {
                m.date = v.to_string();
            } else if let (Some(v), "cites") = (line.strip_prefix("  - number: "), section) {
                m.cites.push((unq(v), String::new()));
            } else if let (Some(v), "cites") = (line.strip_prefix("  - "), section) {
                m.cites.push((unq(v), String::new()));
            } else if let (Some(v), "cites") = (line.strip_prefix("    date: "), section) {
                m.cites.last_mut().unwrap().1 = v.to_string();
            }
        }
        m
    }

    fn shared() -> &'static Vec<(String, String, Meta)> {
        static C: OnceLock<Vec<(String, String, Meta)>> = OnceLock::new();
        C.get_or_init(|| corpus("shared", N, 42).into_iter().map(|(p, t)| (p.clone(), t.clone(), parse(&t))).collect())
    }

    #[test]
    fn deterministic_and_seed_sensitive() {
        let a = corpus("det-a", 400, 7);
        assert_eq!(a, corpus("det-b", 400, 7));
        assert_ne!(a, corpus("det-c", 400, 8));
    }

    #[test]
    fn thread_count_does_not_change_output() {
        let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
        let one = pool(1).install(|| corpus("t1", 600, 3));
        assert_eq!(one, pool(2).install(|| corpus("t2", 600, 3)));
    }

    #[test]
    fn counts_layout_and_encoding() {
        let docs = shared();
        assert_eq!(docs.len(), N);
        for (path, text, _) in docs {
            assert!(path.is_ascii() && path.ends_with(".md"), "{path}");
            assert!(text.starts_with("---\n") && text.contains("\n---\n\n"));
            // Precomposed (NFC) Vietnamese: no combining diacritics anywhere.
            assert!(!text.chars().any(|ch| ('\u{300}'..='\u{36f}').contains(&ch)), "{path}");
        }
        let central = docs.iter().filter(|d| d.2.province.is_empty()).count();
        assert!((N / 100..N / 15).contains(&central), "{central} central");
    }

    #[test]
    fn every_province_appears_unevenly() {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, _, m) in shared().iter().filter(|d| !d.2.province.is_empty()) {
            *counts.entry(m.province.as_str()).or_default() += 1;
        }
        assert_eq!(counts.len(), 63);
        let (min, max) = (counts.values().min().unwrap(), counts.values().max().unwrap());
        assert!(max > &(min * 5), "{min}..{max}");
    }

    #[test]
    fn body_sizes_within_range() {
        for (path, _, m) in shared() {
            assert!((2048..=8192).contains(&m.body), "{path}: {}", m.body);
        }
    }

    #[test]
    fn dates_parse_and_lie_in_range() {
        let mut undated = 0;
        for (path, _, m) in shared() {
            let parts: Vec<u16> = m.date.split('-').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
            match parts[..] {
                [] => undated += 1,
                [y] => assert!((2020..=2022).contains(&y), "{path}"),
                [y, mo] => assert!((2020..=2022).contains(&y) && (1..=12).contains(&mo)),
                [y, mo, d] => assert!((2020..=2022).contains(&y) && d >= 1 && d <= month_len(y, mo as u8) as u16),
                _ => panic!("{path}: bad date {}", m.date),
            }
        }
        assert!(undated > 0 && undated < N / 30, "{undated}");
    }

    #[test]
    fn top_cited_directive_share() {
        let docs = shared();
        let share = |n: &str| docs.iter().filter(|d| d.2.cites.iter().any(|c| c.0 == n)).count();
        let counts: Vec<usize> = FAMOUS.iter().map(|f| share(f.0)).collect();
        let top = *counts.iter().max().unwrap();
        assert_eq!(top, counts[0]);
        assert!((N / 5..=N * 2 / 5).contains(&top), "top cited by {top} of {N}");
    }

    #[test]
    fn numbers_unique_per_province_and_year() {
        let mut seen = HashSet::new();
        for (path, _, m) in shared().iter().filter(|d| !d.2.number.is_empty()) {
            let year = m.date.get(..4).unwrap_or("");
            assert!(seen.insert((&m.province, year, &m.number)), "duplicate {path}");
        }
    }

    #[test]
    fn citations_precede_and_own_citations_exist() {
        let docs = shared();
        let mut known: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for (_, _, m) in docs {
            known.entry((&m.province, &m.number)).or_default().push(&m.date);
        }
        let mut own = 0;
        for (path, text, m) in docs {
            for (num, date) in &m.cites {
                let famous = FAMOUS.iter().find(|f| f.0 == num).map(|f| f.3);
                let date = match famous {
                    Some((y, mo, d)) => format!("{y}-{mo:02}-{d:02}"),
                    None => date.clone(),
                };
                assert!(text.contains(&format!(" số {num}")), "{path}: {num} not in text");
                assert!(m.date.is_empty() || date.is_empty() || date < m.date, "{path}: {num}");
                if num.ends_with("/TU") || num.contains("UBND") {
                    own += 1;
                    let dates = known.get(&(m.province.as_str(), num.as_str())).expect("cited number exists");
                    assert!(
                        dates.iter().any(|d| !d.is_empty() && (m.date.is_empty() || d < &m.date.as_str())),
                        "{path}: {num}"
                    );
                }
            }
        }
        assert!(own > N / 20, "{own} own-province citations");
    }

    #[test]
    fn serials_stay_within_five_digits_however_many_documents_share_a_format() {
        assert_eq!(serial_gap(40, 500), 40, "the format's own gap when it fits");
        for count in [2_500, 2_501, 5_000, 60_000, 99_999] {
            let gap = serial_gap(40, count);
            // The largest serial: 1 + (count - 1) * gap + (gap - 1).
            assert!(count as u32 * gap <= MAX_SERIAL, "{count} documents, gap {gap}");
            assert!(gap >= 1);
        }
    }
}
