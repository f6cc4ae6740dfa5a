/**
 * Demo policy bulletins for LoaXa. FICTIONAL DATA for the fictional Huyện Thanh Lâm (see demo-units.ts):
 * the storm, the weather warnings, the lists and the dates are invented; the laws and decisions cited are real.
 * The demo is authored around the day it is seeded, not around a calendar date: every date of a bulletin, and
 * every day, month or year its texts give for the demo's own events, is the seed day plus a fixed number of
 * days. On its seed day most bulletins are valid, a few have expired so the validity filter has something to
 * hide, and four are urgent (one of them expired). Dates of real laws and decisions are fixed.
 *
 * Bodies are written as a commune station reads them over the loudspeakers: plain-text paragraphs separated
 * by a blank line.
 */
import { addDays, formatDate } from '../../domain/dates.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import { DEMO_UNIT_IDS as U } from './demo-units.ts';

const UBND_HUYEN = 'UBND huyện Thanh Lâm';
const PHONG_VHTT = 'Phòng Văn hóa và Thông tin huyện Thanh Lâm';
const BCH_PCTT = 'Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn huyện Thanh Lâm';
const BHXH_HUYEN = 'Bảo hiểm xã hội huyện Thanh Lâm';
const CONG_AN_HUYEN = 'Công an huyện Thanh Lâm';
const PHONG_TNMT = 'Phòng Tài nguyên và Môi trường huyện Thanh Lâm';
const PHONG_NN = 'Phòng Nông nghiệp và Phát triển nông thôn huyện Thanh Lâm';
const PHONG_DAN_TOC = 'Phòng Dân tộc huyện Thanh Lâm';
const TTYT_HUYEN = 'Trung tâm Y tế huyện Thanh Lâm';
const PHONG_GDDT = 'Phòng Giáo dục và Đào tạo huyện Thanh Lâm';

/** Joins paragraphs the way bulletin bodies store them: separated by one blank line. */
function paragraphs(...texts: string[]): string {
  return texts.join('\n\n');
}

// ── Dates in texts ──────────────────────────────────────────────────────────────────────────────────
// Numeric dates are dd/mm(/yyyy), two digits each. Dates in words follow Vietnamese administrative writing:
// a day below 10 and the months 1 and 2 take a leading zero ("ngày 06 tháng 01"); a month named on its own
// does not ("các tháng 2, 3 và 4").

function partsOf(isoDate: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return { year, month, day };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The year of a yyyy-mm-dd date. */
function yearOf(isoDate: string): number {
  return partsOf(isoDate).year;
}

/** The month of a yyyy-mm-dd date, 1 to 12. */
function monthOf(isoDate: string): number {
  return partsOf(isoDate).month;
}

/** The day of a date as written in words: "06", "25". */
function dayWord(isoDate: string): string {
  return two(partsOf(isoDate).day);
}

/** The month of a date as written in words after a day: "01", "02", "3" … "12". */
function monthWord(isoDate: string): string {
  const month = monthOf(isoDate);
  return month <= 2 ? two(month) : String(month);
}

/** dd/mm: "26/11" (formatDate without the year). */
function dayMonthNumeric(isoDate: string): string {
  return formatDate(isoDate).slice(0, 5);
}

/** mm/yyyy: "12/2026". */
function monthYearNumeric(isoDate: string): string {
  const { year, month } = partsOf(isoDate);
  return `${two(month)}/${year}`;
}

/** "ngày 25 tháng 11". */
function dayMonthInWords(isoDate: string): string {
  return `ngày ${dayWord(isoDate)} tháng ${monthWord(isoDate)}`;
}

/** "ngày 15 tháng 11 năm 2026". */
function dateInWords(isoDate: string): string {
  return `${dayMonthInWords(isoDate)} năm ${yearOf(isoDate)}`;
}

/** The month of a date in words, with its year: "tháng 11 năm 2026". */
function monthInWords(isoDate: string): string {
  return `tháng ${monthOf(isoDate)} năm ${yearOf(isoDate)}`;
}

/**
 * Two days joined by `link` ("đến hết ngày"), the month (and, with `withYear`, the year) written once at the
 * end when both days share it: "26 đến hết ngày 27 tháng 11", "30 tháng 11 đến hết ngày 01 tháng 12",
 * "14 đến hết ngày 17 tháng 10 năm 2026", "26 tháng 12 năm 2026 đến ngày 25 tháng 01 năm 2027".
 */
function daySpanInWords(from: string, link: string, to: string, withYear = false): string {
  const sameYear = yearOf(from) === yearOf(to);
  const sameMonth = sameYear && monthOf(from) === monthOf(to);
  let first = dayWord(from);
  if (!sameMonth) first += ` tháng ${monthWord(from)}`;
  if (withYear && !sameYear) first += ` năm ${yearOf(from)}`;
  const last = `${dayWord(to)} tháng ${monthWord(to)}${withYear ? ` năm ${yearOf(to)}` : ''}`;
  return `${first} ${link} ${last}`;
}

/**
 * Two days joined by `link` in numbers, the month and year written once at the end when both days share them:
 * "14 đến hết ngày 17/10/2026", "15/11 đến 20/12/2026", "26/12/2026 đến 25/01/2027".
 */
function daySpanNumeric(from: string, link: string, to: string): string {
  const sameYear = yearOf(from) === yearOf(to);
  const sameMonth = sameYear && monthOf(from) === monthOf(to);
  const first = sameMonth ? dayWord(from) : sameYear ? dayMonthNumeric(from) : formatDate(from);
  return `${first} ${link} ${formatDate(to)}`;
}

/** The first day of the month `months` months after the month of a date. */
function monthsAfter(isoDate: string, months: number): string {
  const { year, month } = partsOf(isoDate);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/**
 * Months in words, each run of one year closed by its year: "các tháng 2, 3 và 4 năm 2027",
 * "tháng 12 năm 2027, các tháng 1 và 2 năm 2028".
 */
function monthsInWords(isoDates: string[]): string {
  const runs: { year: number; months: number[] }[] = [];
  for (const isoDate of isoDates) {
    const { year, month } = partsOf(isoDate);
    const run = runs.at(-1);
    if (run?.year === year) run.months.push(month);
    else runs.push({ year, months: [month] });
  }
  return runs
    .map(({ year, months }) => {
      const last = String(months.at(-1));
      if (months.length === 1) return `tháng ${last} năm ${year}`;
      return `các tháng ${months.slice(0, -1).join(', ')} và ${last} năm ${year}`;
    })
    .join(', ');
}

/**
 * The dry season a date falls in, named by the two years it spans: "2026 – 2027". A season runs from the
 * second half of one year into the first half of the next.
 */
function drySeasonOf(isoDate: string): string {
  const start = monthOf(isoDate) >= 7 ? yearOf(isoDate) : yearOf(isoDate) - 1;
  return `${start} – ${start + 1}`;
}

/** The year of the first spring crop (vụ Xuân, sown until early March) a date is still in time for. */
function springCropYear(isoDate: string): number {
  return monthOf(isoDate) <= 2 ? yearOf(isoDate) : yearOf(isoDate) + 1;
}

/** The school year that opens on a date: "2026 – 2027". */
function schoolYear(opening: string): string {
  return `${yearOf(opening)} – ${yearOf(opening) + 1}`;
}

/**
 * The demo bulletins as of `seedDay` (yyyy-mm-dd), all published at version 1 and not yet numbered by the
 * server (rev 0). Every date is `seedDay` plus a fixed number of days, so the demo reads the same whatever
 * day it is seeded.
 */
export function demoBulletins(seedDay: string): Bulletin[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(seedDay) || addDays(seedDay, 0) !== seedDay)
    throw new RangeError(`demoBulletins: not a yyyy-mm-dd date: ${seedDay}`);
  /** The date `offset` days after (before, when negative) the seed day. */
  const day = (offset: number) => addDays(seedDay, offset);

  // Days and stretches several texts share.
  /** The day the school year opened, a little under three months before. */
  const schoolOpening = day(-81);
  /** Salt water is expected from the end of the month of `saltFrom`, early in the dry season. */
  const saltFrom = day(31);
  const drySeason = drySeasonOf(saltFrom);
  /** The list of households supported, shown from `listFrom` to `listUntil`, in the year of `listFrom`. */
  const listFrom = day(-15);
  const listUntil = day(15);
  /** The community digital team's tour of the villages. */
  const tourFrom = day(-10);
  const tourUntil = day(25);
  /** The second vaccination round of the year's plan, for the winter, started in `vaccineYear`. */
  const vaccineYear = yearOf(day(-31));
  const vaccineUntil = day(25);
  /** The deadline for registering a change of crops, in time for the next spring crop. */
  const cropDeadline = day(36);
  /** The year of the district's digital transformation plan. */
  const digitalPlanYear = yearOf(day(-23));
  /** The Ok Om Bok festival, at the full moon of the tenth lunar month. */
  const okOmBok = day(-1);

  return [
    // ── Urgent: disasters ────────────────────────────────────────────────────────────────────────────────
    {
      id: '37797c80-386e-4a2b-bb96-7ce4b71dfcc4',
      version: 1,
      status: 'published',
      title: 'Thông báo khẩn: chủ động ứng phó với bão số 14',
      summary: `Bão số 14 có khả năng ảnh hưởng trực tiếp đến huyện từ đêm ${dayMonthNumeric(day(1))}, đề nghị bà con khẩn trương chằng chống nhà cửa, đưa tàu thuyền vào nơi tránh trú và sẵn sàng sơ tán.`,
      body: paragraphs(
        `Thông báo khẩn! Thông báo khẩn! Kính thưa bà con nhân dân! Theo tin của cơ quan khí tượng thủy văn, sáng nay, ${dayMonthInWords(day(0))}, bão số 14 đang hoạt động trên vùng biển phía Nam Biển Đông, sức gió mạnh nhất vùng gần tâm bão cấp 10 đến cấp 11, giật cấp 13. Dự báo trong 24 đến 36 giờ tới, bão tiếp tục di chuyển theo hướng Tây, đi vào vùng biển và đất liền của tỉnh. Từ đêm ${daySpanInWords(day(1), 'đến hết ngày', day(2))}, toàn huyện có gió mạnh, mưa to đến rất to.`,
        'Thực hiện công điện của Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh, Ban Chỉ huy huyện đề nghị: chủ tàu thuyền đang hoạt động trên biển khẩn trương vào nơi tránh trú an toàn, không ra khơi khi chưa có thông báo mới; các hộ dân chằng chống nhà cửa, chặt tỉa cây cao gần nhà, gia cố chuồng trại; thu hoạch sớm lúa, hoa màu, tôm cá đã đến kỳ thu hoạch; dự trữ lương thực, nước uống, thuốc men, đèn pin đủ dùng ít nhất ba ngày.',
        'Các hộ đang ở trong nhà yếu, ven sông, ven biển, dưới chân đồi núi có nguy cơ sạt lở phải sẵn sàng di chuyển đến nơi an toàn theo hướng dẫn của chính quyền xã. Tuyệt đối không ra đồng, đi rừng, đánh bắt cá, vớt củi khi có mưa bão; không để trẻ em tắm, chơi gần sông suối, ao hồ.',
        'Khi cần hỗ trợ khẩn cấp, bà con báo ngay cho trưởng thôn, Ủy ban nhân dân xã hoặc gọi số 112. Đài truyền thanh xã sẽ cập nhật tin về bão liên tục trong các buổi phát thanh tiếp theo, đề nghị bà con thường xuyên theo dõi.',
      ),
      topic: 'disaster_preparedness',
      policyRef: 'Luật Phòng, chống thiên tai; Công điện của Ban Chỉ huy PCTT và TKCN tỉnh',
      issuer: BCH_PCTT,
      urgency: 'urgent',
      validFrom: day(0),
      validUntil: day(3),
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 1, untilDate: day(3) },
      updatedAt: `${day(0)}T00:30:00.000Z`,
      rev: 0,
    },
    {
      id: '6f1b0b01-65fe-491f-aa04-1f153b33b16a',
      version: 1,
      status: 'published',
      title: 'Cảnh báo lũ quét, sạt lở đất tại các bản ven suối và sườn đồi xã Tả Phìn',
      summary: `Mưa rất to kéo dài đến hết ngày ${dayMonthNumeric(day(3))} có thể gây lũ quét và sạt lở đất ở Tả Phìn; bà con các khu vực nguy hiểm cần chủ động di chuyển đến nơi an toàn.`,
      body: paragraphs(
        `Thông báo khẩn! Kính thưa bà con nhân dân xã Tả Phìn! Do ảnh hưởng của hoàn lưu bão kết hợp với không khí lạnh, từ nay đến hết ${dayMonthInWords(day(3))}, khu vực vùng núi của huyện có mưa to đến rất to, lượng mưa phổ biến từ 100 đến 200 mi-li-mét, có nơi trên 250 mi-li-mét. Đất đồi núi đã ngấm no nước sau những đợt mưa trước, nguy cơ xảy ra lũ quét trên các suối nhỏ và sạt lở đất trên các sườn dốc là rất cao.`,
        'Các điểm có nguy cơ cao gồm: khu dân cư bản Sín Chải dưới chân đồi, các hộ ở ven suối Nậm Pục, đoạn đường từ trung tâm xã lên bản Lìu Chải và những ta-luy vừa mới san gạt. Ủy ban nhân dân xã đã cắm biển cảnh báo và bố trí lực lượng trực tại các điểm này.',
        'Đề nghị bà con không ở lại trong những ngôi nhà sát ta-luy, dưới chân đồi khi trời mưa to kéo dài. Khi thấy đất nứt, cây nghiêng, nước suối đột ngột đục và dâng nhanh, nghe tiếng đất đá lăn, phải lập tức đưa người già, trẻ em đến nơi an toàn. Không vượt suối, ngầm, tràn khi nước chảy xiết; không đi rừng, lên nương, vớt củi trong những ngày mưa lũ; lùa trâu bò về chuồng, không thả rông.',
        'Nơi tránh trú tạm thời là Trường Phổ thông dân tộc bán trú xã Tả Phìn và nhà văn hóa các bản ở vị trí cao. Khi có sự cố, bà con báo ngay cho trưởng bản, Ủy ban nhân dân xã hoặc gọi số 112.',
      ),
      topic: 'disaster_preparedness',
      policyRef: 'Luật Phòng, chống thiên tai',
      issuer: BCH_PCTT,
      urgency: 'urgent',
      validFrom: day(-1),
      validUntil: day(5),
      targetUnitIds: [U.taPhin, U.team],
      airing: { times: 3, perDays: 1, untilDate: day(5) },
      updatedAt: `${day(-1)}T09:15:00.000Z`,
      rev: 0,
    },
    {
      id: '2cf18c26-7828-4cd7-8ce0-568bd4e57d22',
      version: 1,
      status: 'published',
      title: 'Cảnh báo triều cường kết hợp gió mạnh ven biển xã Vĩnh Hải',
      summary:
        'Triều cường rằm tháng Mười âm lịch kết hợp gió mạnh có thể gây ngập vùng trũng và sạt lở bờ bao, đề nghị bà con gia cố ao tôm, đê bao và neo đậu ghe xuồng an toàn.',
      body: paragraphs(
        'Thông báo khẩn! Kính thưa bà con nhân dân xã Vĩnh Hải! Theo dự báo của cơ quan khí tượng thủy văn, đợt triều cường rằm tháng Mười âm lịch đang lên cao, kết hợp với gió mùa Đông Bắc mạnh và ảnh hưởng của bão số 14, mực nước tại các cửa sông và vùng ven biển trong những ngày tới có thể vượt mức báo động, gây ngập úng vùng trũng thấp, sóng lớn đánh vào bờ kè, đê biển.',
        'Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn huyện đề nghị bà con kiểm tra, gia cố bờ bao ao tôm, đê bao ruộng lúa, cống ngăn triều; thu hoạch tôm, cá đã đến kỳ thu hoạch; kê cao lúa giống, phân bón và tài sản trong nhà. Ghe xuồng nhỏ không ra khơi, neo đậu an toàn tại nơi tránh trú. Các hộ sống ngoài đê, ven cửa sông chuẩn bị sẵn sàng di dời khi có lệnh của Ủy ban nhân dân xã.',
        'Khi nước lên, tuyệt đối không để trẻ em đi học, đi chơi một mình qua các đoạn đường ngập, cầu tạm; không lội qua chỗ nước chảy mạnh. Người lớn nhắc nhau ngắt điện khi nước có nguy cơ tràn vào nhà. Trong thời gian triều cường, đài truyền thanh xã phát thông báo bằng tiếng Việt và tiếng Khmer vào mỗi buổi sáng và buổi chiều, bà con các phum, sóc nhắc nhau cùng theo dõi.',
      ),
      topic: 'disaster_preparedness',
      policyRef: 'Luật Phòng, chống thiên tai',
      issuer: BCH_PCTT,
      urgency: 'urgent',
      validFrom: day(-3),
      validUntil: day(3),
      targetUnitIds: [U.vinhHai],
      airing: { times: 2, perDays: 1, untilDate: day(3) },
      updatedAt: `${day(-3)}T00:45:00.000Z`,
      rev: 0,
    },
    {
      // Expired: the heavy-rain warning of six weeks before.
      id: '9162ee76-9d11-4eb1-9969-e8b2f181ae98',
      version: 1,
      status: 'published',
      title: 'Cảnh báo mưa lớn diện rộng, đề phòng ngập úng, lũ quét và sạt lở đất',
      summary: `Từ đêm ${daySpanNumeric(day(-42), 'đến hết ngày', day(-39))} toàn huyện có mưa to, đề nghị các xã và bà con chủ động phòng tránh ngập úng, lũ quét, sạt lở đất.`,
      body: paragraphs(
        `Thông báo khẩn! Kính thưa bà con nhân dân! Do ảnh hưởng của không khí lạnh kết hợp với nhiễu động gió đông trên cao, từ đêm ${daySpanInWords(day(-42), 'đến hết ngày', day(-39), true)}, trên địa bàn huyện có mưa vừa, mưa to, có nơi mưa rất to kèm theo dông. Mưa lớn có thể gây ngập úng cục bộ ở vùng trũng, lũ quét trên các sông suối nhỏ và sạt lở đất ở vùng núi.`,
        'Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn huyện đề nghị Ủy ban nhân dân các xã rà soát các điểm có nguy cơ ngập sâu, sạt lở, sẵn sàng sơ tán người dân khỏi khu vực nguy hiểm. Bà con khơi thông dòng chảy, tiêu úng để bảo vệ lúa mùa và hoa màu; không qua lại các ngầm, tràn khi nước chảy xiết; không đánh bắt cá, vớt củi trên sông suối khi có lũ.',
        'Các gia đình theo dõi chặt chẽ bản tin thời tiết trên đài truyền thanh xã, quản lý chặt trẻ em, không để các cháu tắm sông suối, ao hồ. Khi có tình huống khẩn cấp, bà con báo ngay cho chính quyền địa phương hoặc gọi số 112 để được hỗ trợ kịp thời.',
      ),
      topic: 'disaster_preparedness',
      policyRef: 'Luật Phòng, chống thiên tai',
      issuer: BCH_PCTT,
      urgency: 'urgent',
      validFrom: day(-42),
      validUntil: day(-38),
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 1, untilDate: day(-38) },
      updatedAt: `${day(-42)}T02:00:00.000Z`,
      rev: 0,
    },
    // ── Disaster preparedness, normal ───────────────────────────────────────────────────────────────────
    {
      id: 'bfeb6ed9-82b0-4255-aa6f-31a2e514b968',
      version: 1,
      status: 'published',
      title: `Chủ động phòng, chống hạn hán, xâm nhập mặn mùa khô ${drySeason}`,
      summary: `Mặn có thể xâm nhập sớm từ cuối tháng ${monthYearNumeric(saltFrom)}, bà con Vĩnh Hải cần xuống giống đúng lịch, trữ nước ngọt và theo dõi độ mặn trước khi lấy nước vào ruộng.`,
      body: paragraphs(
        `Kính thưa bà con nhân dân! Theo nhận định của cơ quan chuyên môn, mùa khô năm ${drySeason}, xâm nhập mặn ở vùng ven biển có thể đến sớm, từ cuối ${monthInWords(saltFrom)}, và lấn sâu vào các kênh rạch nội đồng, nhất là vào những đợt triều cường ${monthsInWords([2, 3, 4].map((n) => monthsAfter(saltFrom, n)))}. Hạn hán và nước mặn ảnh hưởng trực tiếp đến sản xuất lúa, hoa màu, nuôi trồng thủy sản và nước sinh hoạt của bà con.`,
        'Để chủ động ứng phó, đề nghị bà con gieo sạ lúa vụ Đông Xuân theo lịch thời vụ do ngành nông nghiệp khuyến cáo, không xuống giống muộn; sử dụng giống lúa ngắn ngày, chịu mặn; trữ nước ngọt trong ao, mương, lu, bồn ngay từ bây giờ; nạo vét kênh mương nội đồng, gia cố bờ bao. Các hộ trồng hành tím, củ kiệu, rau màu nên đo độ mặn trước khi tưới; khi độ mặn vượt ngưỡng cho phép, tuyệt đối không lấy nước vào ruộng.',
        'Hằng tuần, Ủy ban nhân dân xã sẽ thông báo kết quả đo độ mặn tại các cống, kênh chính trên đài truyền thanh bằng tiếng Việt và tiếng Khmer. Hộ nào thiếu nước sinh hoạt, xin báo với trưởng ấp để được hỗ trợ kịp thời.',
      ),
      topic: 'disaster_preparedness',
      policyRef: `Kế hoạch phòng, chống hạn hán, xâm nhập mặn mùa khô ${drySeason} của UBND huyện Thanh Lâm`,
      issuer: PHONG_NN,
      urgency: 'normal',
      validFrom: day(-10),
      validUntil: day(187),
      targetUnitIds: [U.vinhHai],
      airing: { times: 2, perDays: 7, untilDate: day(67) },
      updatedAt: `${day(-11)}T03:00:00.000Z`,
      rev: 0,
    },
    // ── Access to information ───────────────────────────────────────────────────────────────────────────
    {
      id: '8b2adafe-7275-489a-b21f-c5ece3a1b481',
      version: 1,
      status: 'published',
      title: 'Quyền tiếp cận thông tin của công dân theo Luật Tiếp cận thông tin',
      summary:
        'Giới thiệu quyền được tiếp cận thông tin của công dân và cách đề nghị Ủy ban nhân dân xã cung cấp thông tin.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Luật Tiếp cận thông tin số 104/2016/QH13 được Quốc hội thông qua ngày 06 tháng 4 năm 2016 và có hiệu lực từ ngày 01 tháng 7 năm 2018. Luật quy định mọi công dân đều bình đẳng, không bị phân biệt đối xử trong việc thực hiện quyền tiếp cận thông tin; thông tin được cung cấp phải chính xác, đầy đủ, kịp thời.',
        'Công dân được tiếp cận thông tin theo hai cách. Thứ nhất, tự do tiếp cận những thông tin mà cơ quan nhà nước công khai trên trang thông tin điện tử, trên báo chí, tại bảng tin ở trụ sở Ủy ban nhân dân xã và qua hệ thống loa truyền thanh. Thứ hai, yêu cầu cơ quan nhà nước cung cấp thông tin bằng cách đến trực tiếp, gửi phiếu yêu cầu qua đường bưu điện hoặc qua mạng điện tử. Ủy ban nhân dân xã có trách nhiệm cung cấp cho công dân cư trú trên địa bàn những thông tin do mình tạo ra và những thông tin mình nhận được để trực tiếp thực hiện nhiệm vụ, quyền hạn của mình.',
        'Khi yêu cầu cung cấp thông tin, bà con ghi rõ họ tên, địa chỉ, số thẻ căn cước và thông tin cần được cung cấp. Người không biết chữ, người khuyết tật có thể nhờ cán bộ tiếp nhận ghi phiếu giúp. Công dân không phải trả phí, lệ phí khi được cung cấp thông tin, chỉ trả chi phí thực tế cho việc in, sao, chụp hoặc gửi thông tin.',
        'Những thông tin thuộc bí mật nhà nước, thông tin có thể gây nguy hại đến lợi ích của Nhà nước, quốc phòng, an ninh quốc gia thì công dân không được tiếp cận. Mọi vướng mắc, bà con liên hệ bộ phận Một cửa của Ủy ban nhân dân xã để được hướng dẫn.',
      ),
      topic: 'access_to_information',
      policyRef: 'Luật Tiếp cận thông tin số 104/2016/QH13',
      issuer: PHONG_VHTT,
      urgency: 'normal',
      validFrom: day(-51),
      validUntil: null,
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-51)}T02:00:00.000Z`,
      rev: 0,
    },
    {
      id: '838c10e4-69c9-4811-8d67-a255c83fdf79',
      version: 1,
      status: 'published',
      title: 'Đài truyền thanh xã phát bản tin bằng tiếng dân tộc, lắng nghe ý kiến của bà con',
      summary:
        'Thực hiện Chỉ thị 07/CT-TTg, đài truyền thanh các xã phát bản tin chính sách bằng tiếng Việt và tiếng dân tộc, đồng thời tiếp nhận góp ý, phản ánh của người dân.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Thực hiện Chỉ thị số 07/CT-TTg ngày 21 tháng 3 năm 2023 của Thủ tướng Chính phủ về việc tăng cường công tác truyền thông chính sách, Ủy ban nhân dân huyện Thanh Lâm chỉ đạo đài truyền thanh các xã và Đội Thông tin lưu động huyện đưa các chủ trương, chính sách mới đến với người dân một cách kịp thời, dễ hiểu, đúng đối tượng.',
        `Từ ${monthInWords(day(-24))}, ngoài chương trình phát thanh bằng tiếng Việt vào buổi sáng và buổi chiều, đài truyền thanh các xã có đông đồng bào dân tộc thiểu số phát thêm bản tin bằng tiếng H'Mông, tiếng Thái, tiếng Tày, tiếng Nùng, tiếng Mường, tiếng Ê Đê, tiếng Gia Rai và tiếng Khmer. Các bản tin do cán bộ, người có uy tín biết tiếng dân tộc dịch và đọc, được cơ quan chuyên môn của huyện kiểm tra trước khi phát. Xe thông tin lưu động của huyện sẽ về tận các thôn, bản, buôn, phum, sóc ở xa trung tâm, nơi tiếng loa chưa tới được.`,
        'Truyền thông chính sách là việc của cả hai chiều. Bà con có ý kiến góp ý về nội dung, giờ phát, hoặc thấy loa hỏng, tiếng nhỏ, nghe không rõ, xin báo với trưởng thôn, bản hoặc cán bộ văn hóa – thông tin xã. Những thắc mắc về chính sách sẽ được cán bộ chuyên môn giải đáp trong các buổi phát thanh tiếp theo.',
      ),
      topic: 'access_to_information',
      policyRef: 'Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ',
      issuer: PHONG_VHTT,
      urgency: 'normal',
      validFrom: day(-24),
      validUntil: day(126),
      targetUnitIds: [U.district],
      airing: { times: 1, perDays: 7, untilDate: day(126) },
      updatedAt: `${day(-26)}T03:00:00.000Z`,
      rev: 0,
    },
    // ── Digital transformation ──────────────────────────────────────────────────────────────────────────
    {
      id: '50481b66-3d11-4350-8ff6-b27cb902c756',
      version: 1,
      status: 'published',
      title: 'Đăng ký và kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID',
      summary:
        'Công an huyện hướng dẫn bà con đến Công an xã để được cấp, kích hoạt miễn phí tài khoản định danh điện tử mức độ 2 và cảnh giác với các cuộc gọi mạo danh.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025, tầm nhìn đến năm 2030, ban hành kèm theo Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ, gọi tắt là Đề án 06, Công an huyện Thanh Lâm tiếp tục hướng dẫn nhân dân đăng ký và kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID.',
        'Với tài khoản định danh điện tử mức độ 2, bà con có thể dùng căn cước điện tử thay cho thẻ căn cước khi làm nhiều thủ tục; xuất trình giấy phép lái xe, thẻ bảo hiểm y tế khi đi khám chữa bệnh; thông báo lưu trú; đăng nhập Cổng Dịch vụ công quốc gia để nộp hồ sơ trực tuyến mà không phải mang theo nhiều giấy tờ.',
        'Để đăng ký, bà con mang theo thẻ căn cước hoặc thẻ căn cước công dân gắn chíp và điện thoại thông minh có số thuê bao đứng tên chính mình đến Công an xã nơi cư trú. Cán bộ Công an xã sẽ thu nhận ảnh chân dung, vân tay và hướng dẫn kích hoạt tài khoản hoàn toàn miễn phí. Người cao tuổi, người khuyết tật, người không có điện thoại thông minh có thể nhờ người thân hỗ trợ hoặc liên hệ Công an xã để được hướng dẫn.',
        'Công an huyện lưu ý: ứng dụng VNeID chỉ được tải từ kho ứng dụng chính thức CH Play hoặc App Store. Cán bộ công an không bao giờ gọi điện đề nghị bà con cài ứng dụng qua đường link lạ hay đọc mã OTP. Tuyệt đối không cung cấp mật khẩu, mã xác thực cho bất kỳ ai.',
      ),
      topic: 'digital_transformation',
      policyRef: 'Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (Đề án 06)',
      issuer: CONG_AN_HUYEN,
      urgency: 'normal',
      validFrom: day(-41),
      validUntil: day(36),
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 7, untilDate: day(20) },
      updatedAt: `${day(-42)}T08:00:00.000Z`,
      rev: 0,
    },
    {
      id: '8e4acd1b-29de-4b08-a62b-37aae1de8c7b',
      version: 1,
      status: 'published',
      title: 'Làm thủ tục hành chính trực tuyến: không phải đi lại, tiết kiệm thời gian',
      summary:
        'Nhiều thủ tục thường gặp như khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em đã làm được trực tuyến, bộ phận Một cửa các xã sẵn sàng hướng dẫn bà con.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Hiện nay, nhiều thủ tục hành chính thường gặp đã được thực hiện trực tuyến trên Cổng Dịch vụ công quốc gia tại địa chỉ dichvucong.gov.vn và trên ứng dụng VNeID. Bà con có thể ngồi tại nhà, dùng điện thoại thông minh để nộp hồ sơ, theo dõi tiến độ giải quyết và nhận kết quả mà không phải đi lại nhiều lần.',
        'Một số thủ tục bà con nên làm trực tuyến gồm: nhóm thủ tục liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; nhóm thủ tục liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng trợ cấp mai táng; cấp phiếu lý lịch tư pháp; đổi giấy phép lái xe; nộp thuế và nhiều loại phí, lệ phí qua tài khoản ngân hàng. Khi nộp hồ sơ trực tuyến, những giấy tờ đã có trong Cơ sở dữ liệu quốc gia về dân cư thì không phải nộp lại.',
        'Tại bộ phận Một cửa của Ủy ban nhân dân các xã đã bố trí máy tính, cán bộ và đoàn viên thanh niên để hướng dẫn, hỗ trợ bà con nộp hồ sơ trực tuyến. Khi đến làm thủ tục, đề nghị bà con mang theo điện thoại đã kích hoạt tài khoản định danh điện tử mức độ 2 để được hướng dẫn ngay tại chỗ.',
        'Ủy ban nhân dân huyện đề nghị các thôn, bản, các đoàn thể vận động hội viên, con cháu trong gia đình giúp ông bà, cha mẹ làm quen với dịch vụ công trực tuyến, góp phần xây dựng chính quyền số, xã hội số trên địa bàn huyện.',
      ),
      topic: 'digital_transformation',
      policyRef: `Kế hoạch chuyển đổi số năm ${digitalPlanYear} của UBND huyện Thanh Lâm`,
      issuer: UBND_HUYEN,
      urgency: 'normal',
      validFrom: day(-23),
      validUntil: day(67),
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(51) },
      updatedAt: `${day(-23)}T01:30:00.000Z`,
      rev: 0,
    },
    {
      id: 'f5cba016-207d-4550-bbdc-88c004226de2',
      version: 1,
      status: 'published',
      title: 'Tổ công nghệ số cộng đồng về tận thôn, bản hướng dẫn bà con dùng điện thoại thông minh',
      summary: `Từ ${daySpanNumeric(tourFrom, 'đến', tourUntil)}, Tổ công nghệ số cộng đồng cùng Đội Thông tin lưu động huyện về từng thôn, bản ở Tả Phìn và Ea Sô hướng dẫn miễn phí cách dùng điện thoại thông minh.`,
      body: paragraphs(
        `Kính thưa bà con nhân dân! Từ ngày ${daySpanInWords(tourFrom, 'đến ngày', tourUntil, true)}, Tổ công nghệ số cộng đồng của xã phối hợp với Đội Thông tin lưu động huyện sẽ về từng thôn, bản để hướng dẫn bà con sử dụng điện thoại thông minh vào những việc thiết thực trong cuộc sống hằng ngày.`,
        "Nội dung hướng dẫn gồm: cài đặt và sử dụng ứng dụng VNeID; mở tài khoản ngân hàng, thanh toán không dùng tiền mặt; nhận tiền trợ cấp, tiền hỗ trợ qua tài khoản; tra cứu giá nông sản, dự báo thời tiết; nhận biết tin nhắn, cuộc gọi lừa đảo. Ở những bản, buôn có đông đồng bào H'Mông, Thái, Ê Đê, Gia Rai, tổ sẽ có người biết tiếng dân tộc đi cùng để giải thích cho bà con dễ hiểu.",
        'Lịch cụ thể tại từng thôn, bản sẽ được trưởng thôn thông báo trước ít nhất hai ngày. Đề nghị bà con mang theo điện thoại và thẻ căn cước; những gia đình chưa có điện thoại thông minh vẫn nên đến nghe hướng dẫn để biết cách giúp người thân. Việc hướng dẫn hoàn toàn miễn phí, không thu bất kỳ khoản tiền nào.',
      ),
      topic: 'digital_transformation',
      policyRef: `Kế hoạch chuyển đổi số năm ${digitalPlanYear} của UBND huyện Thanh Lâm`,
      issuer: PHONG_VHTT,
      urgency: 'normal',
      validFrom: day(-15),
      validUntil: day(25),
      targetUnitIds: [U.taPhin, U.eaSo, U.team],
      airing: { times: 3, perDays: 7, untilDate: day(25) },
      updatedAt: `${day(-16)}T07:00:00.000Z`,
      rev: 0,
    },
    // ── Health and social insurance ─────────────────────────────────────────────────────────────────────
    {
      id: 'a565abfd-92a9-4344-bc65-8202dfb092c6',
      version: 1,
      status: 'published',
      title: 'Tham gia bảo hiểm y tế theo hộ gia đình để yên tâm khi ốm đau',
      summary:
        'Cả nhà cùng tham gia bảo hiểm y tế theo hộ gia đình thì mức đóng giảm dần từ người thứ hai, bà con nên mua thẻ sớm vì thẻ tham gia lần đầu chỉ có giá trị sau 30 ngày.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Bảo hiểm y tế là chính sách xã hội do Nhà nước tổ chức thực hiện, không vì mục đích lợi nhuận, nhằm chia sẻ rủi ro khi ốm đau, bệnh tật. Khi có thẻ bảo hiểm y tế và đi khám chữa bệnh đúng quy định, người bệnh được quỹ bảo hiểm y tế chi trả phần lớn chi phí, kể cả những bệnh nặng, phải điều trị dài ngày, tốn kém.',
        'Theo Luật Bảo hiểm y tế, những người có tên trong cùng một hộ gia đình tham gia theo hình thức hộ gia đình được giảm dần mức đóng: người thứ nhất đóng bằng 4,5% mức lương cơ sở; người thứ hai, thứ ba, thứ tư lần lượt đóng bằng 70%, 60%, 50% mức đóng của người thứ nhất; từ người thứ năm trở đi đóng bằng 40% mức đóng của người thứ nhất. Cả nhà cùng tham gia thì số tiền mỗi người phải đóng càng thấp.',
        'Bà con lưu ý: người tham gia bảo hiểm y tế hộ gia đình lần đầu hoặc tham gia không liên tục thì thẻ chỉ có giá trị sử dụng sau 30 ngày kể từ ngày đóng tiền. Vì vậy, đừng đợi đến khi ốm đau mới mua thẻ. Bà con có thể đóng tại đại lý thu ở xã, bưu điện xã, hoặc đóng trực tuyến qua ứng dụng VssID và Cổng Dịch vụ công quốc gia.',
        'Trẻ em dưới 6 tuổi, người thuộc hộ nghèo và nhiều nhóm đối tượng khác, trong đó có đồng bào dân tộc thiểu số sinh sống ở vùng đặc biệt khó khăn, được Nhà nước đóng hoặc hỗ trợ đóng bảo hiểm y tế theo quy định. Cần biết thêm, bà con liên hệ đại lý thu hoặc cán bộ bảo hiểm xã hội phụ trách xã.',
      ),
      topic: 'health_insurance',
      policyRef: 'Luật Bảo hiểm y tế',
      issuer: BHXH_HUYEN,
      urgency: 'normal',
      validFrom: day(-36),
      validUntil: day(36),
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-37)}T02:30:00.000Z`,
      rev: 0,
    },
    {
      // Expired: the first collection round for pupils closed ten days before.
      id: '7c8428be-4a1f-4a09-8912-1b475b3ce213',
      version: 1,
      status: 'published',
      title: `Bảo hiểm y tế học sinh năm học ${schoolYear(schoolOpening)}: hạn thu đợt 1 đến ngày ${dayMonthNumeric(day(-10))}`,
      summary: `Học sinh bắt buộc tham gia bảo hiểm y tế, Nhà nước hỗ trợ tối thiểu 30% mức đóng; phụ huynh cần hoàn thành việc đóng trước ngày ${formatDate(day(-10))}.`,
      body: paragraphs(
        `Kính thưa các bậc phụ huynh và bà con nhân dân! Theo Luật Bảo hiểm y tế, học sinh, sinh viên là đối tượng bắt buộc tham gia bảo hiểm y tế. Năm học ${schoolYear(schoolOpening)}, các trường học trên địa bàn huyện đang tổ chức thu bảo hiểm y tế cho học sinh; hạn cuối của đợt thu thứ nhất là ${dateInWords(day(-10))}.`,
        'Mức đóng bảo hiểm y tế học sinh bằng 4,5% mức lương cơ sở, trong đó Nhà nước hỗ trợ tối thiểu 30% mức đóng, gia đình chỉ phải đóng phần còn lại. Học sinh đã có thẻ bảo hiểm y tế theo đối tượng khác, như hộ nghèo, hộ cận nghèo hoặc người dân tộc thiểu số ở vùng đặc biệt khó khăn, thì không phải mua thêm qua nhà trường, chỉ cần nộp bản chụp thẻ cho giáo viên chủ nhiệm.',
        'Có thẻ bảo hiểm y tế, khi các cháu bị ốm đau, tai nạn trong sinh hoạt hay học tập sẽ được khám, chữa bệnh tại trạm y tế xã và các cơ sở y tế theo quy định, giảm gánh nặng chi phí cho gia đình. Đề nghị các bậc phụ huynh quan tâm, đóng tiền đúng hạn để thẻ của các cháu được sử dụng liên tục, không bị gián đoạn quyền lợi.',
      ),
      topic: 'health_insurance',
      policyRef: 'Luật Bảo hiểm y tế',
      issuer: BHXH_HUYEN,
      urgency: 'normal',
      validFrom: day(-79),
      validUntil: day(-10),
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(-10) },
      updatedAt: `${day(-81)}T02:00:00.000Z`,
      rev: 0,
    },
    {
      id: 'd50cc0b9-0fa6-4cc7-b40d-4de08d96eb98',
      version: 1,
      status: 'published',
      title: 'Bảo hiểm xã hội tự nguyện: chỗ dựa khi về già cho người làm nông, buôn bán nhỏ',
      summary:
        'Luật Bảo hiểm xã hội 2024 giảm số năm đóng tối thiểu để hưởng lương hưu xuống 15 năm và bổ sung trợ cấp thai sản cho người tham gia bảo hiểm xã hội tự nguyện.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Bảo hiểm xã hội tự nguyện là chính sách của Nhà nước dành cho người lao động không làm việc theo hợp đồng lao động, như người làm ruộng, làm rẫy, chăn nuôi, buôn bán nhỏ, làm thuê theo mùa vụ. Người tham gia được tự chọn mức thu nhập làm căn cứ đóng và phương thức đóng phù hợp với khả năng của mình: hằng tháng, 3 tháng, 6 tháng, 12 tháng một lần hoặc đóng một lần cho nhiều năm về sau.',
        'Luật Bảo hiểm xã hội số 41/2024/QH15, có hiệu lực từ ngày 01 tháng 7 năm 2025, có nhiều điểm mới có lợi cho người tham gia. Số năm đóng bảo hiểm xã hội tối thiểu để được hưởng lương hưu giảm từ 20 năm xuống còn 15 năm. Người tham gia bảo hiểm xã hội tự nguyện khi sinh con được hưởng trợ cấp thai sản 2 triệu đồng cho mỗi con theo quy định. Người hưởng lương hưu được cấp thẻ bảo hiểm y tế do quỹ bảo hiểm xã hội đóng.',
        'Nhà nước hỗ trợ một phần tiền đóng cho người tham gia, mức hỗ trợ cao hơn đối với người thuộc hộ nghèo, hộ cận nghèo. Mỗi tháng chỉ cần tiết kiệm một khoản nhỏ, khi về già bà con sẽ có lương hưu hằng tháng, có thẻ bảo hiểm y tế, không phải phụ thuộc vào con cháu.',
        'Bà con có nhu cầu tham gia xin liên hệ đại lý thu bảo hiểm xã hội tại xã, bưu điện xã hoặc Bảo hiểm xã hội huyện Thanh Lâm để được tư vấn miễn phí.',
      ),
      topic: 'social_insurance',
      policyRef: 'Luật Bảo hiểm xã hội số 41/2024/QH15',
      issuer: BHXH_HUYEN,
      urgency: 'normal',
      validFrom: day(-46),
      validUntil: day(217),
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-47)}T03:00:00.000Z`,
      rev: 0,
    },
    // ── Fake news and online fraud ──────────────────────────────────────────────────────────────────────
    {
      id: '790140eb-8375-4c74-8435-30d8eee55724',
      version: 1,
      status: 'published',
      title: 'Cảnh giác thủ đoạn giả danh công an gọi điện yêu cầu “cập nhật định danh điện tử”',
      summary:
        'Cơ quan công an không giải quyết thủ tục qua điện thoại, không yêu cầu cài ứng dụng qua đường link hay chuyển tiền; gặp cuộc gọi đáng ngờ, bà con hãy báo ngay cho Công an xã.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Thời gian gần đây, trên địa bàn tỉnh liên tục xảy ra các vụ lừa đảo qua điện thoại và mạng xã hội. Đối tượng giả danh cán bộ công an, nhân viên ngân hàng, điện lực hoặc bảo hiểm xã hội, gọi điện nói rằng tài khoản định danh điện tử của bà con bị lỗi, cần “cập nhật” hoặc “đồng bộ” thông tin, rồi gửi đường link để bà con tải một ứng dụng giả mạo.',
        'Khi bà con cài ứng dụng này, kẻ gian có thể chiếm quyền điều khiển điện thoại, đọc tin nhắn chứa mã OTP và rút sạch tiền trong tài khoản ngân hàng. Có người còn bị dọa là đang liên quan đến một vụ án, phải chuyển tiền vào “tài khoản tạm giữ” để chứng minh mình trong sạch.',
        'Công an huyện Thanh Lâm khẳng định: cơ quan công an không làm việc, không giải quyết thủ tục hành chính qua điện thoại; không yêu cầu người dân cài ứng dụng qua đường link; không đề nghị chuyển tiền vào bất kỳ tài khoản nào. Mọi việc liên quan đến tài khoản định danh điện tử, bà con đến trực tiếp Công an xã để được hướng dẫn.',
        'Khi nhận cuộc gọi, tin nhắn đáng ngờ, bà con không làm theo, không cung cấp mật khẩu, mã OTP, số tài khoản; hãy tắt máy, bàn bạc với người thân và báo ngay cho Công an xã hoặc gọi số 113. Xin bà con nhắc nhở cha mẹ, ông bà và con em trong gia đình cùng cảnh giác.',
      ),
      topic: 'fake_news',
      policyRef: 'Thông báo của Công an huyện Thanh Lâm về phòng, chống lừa đảo trên không gian mạng',
      issuer: CONG_AN_HUYEN,
      urgency: 'normal',
      validFrom: day(-20),
      validUntil: null,
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-21)}T09:00:00.000Z`,
      rev: 0,
    },
    {
      id: 'adbb3b8c-cc3a-4e54-91ee-fff16d9771cd',
      version: 1,
      status: 'published',
      title: 'Không tin, không chia sẻ thông tin sai sự thật trên mạng xã hội',
      summary:
        'Hướng dẫn bà con nhận biết tin giả trên mạng xã hội, kiểm chứng qua nguồn chính thống và không chia sẻ thông tin chưa được xác minh.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Mạng xã hội như Facebook, Zalo, TikTok giúp bà con cập nhật tin tức, liên lạc với người thân, buôn bán nông sản thuận tiện hơn. Tuy nhiên, trên mạng cũng có rất nhiều thông tin sai sự thật: tin đồn về dịch bệnh, về thu hồi đất, về chính sách hỗ trợ tiền, hay những lời mời đầu tư “lãi cao, không rủi ro”. Có những tin do kẻ xấu cố tình bịa đặt để gây hoang mang, chia rẽ khối đại đoàn kết dân tộc hoặc để lừa tiền.',
        'Để nhận biết tin giả, bà con hãy tự hỏi: Tin này do ai đưa ra? Có được cơ quan nhà nước, báo chí chính thống đăng tải không? Tiêu đề có giật gân, thúc giục chia sẻ ngay không? Khi chưa rõ, bà con hãy hỏi cán bộ thôn, bản, cán bộ xã, hoặc nghe thông tin chính thức trên đài truyền thanh xã và Đài Phát thanh – Truyền hình tỉnh.',
        'Người đăng tải, chia sẻ thông tin sai sự thật, xúc phạm danh dự, nhân phẩm người khác trên mạng có thể bị xử phạt vi phạm hành chính; trường hợp gây hậu quả nghiêm trọng có thể bị truy cứu trách nhiệm hình sự theo quy định của pháp luật. Mỗi người dân hãy là một tuyên truyền viên: không tin, không chia sẻ, không bình luận tin chưa được kiểm chứng, và báo cho chính quyền khi phát hiện thông tin xấu, độc.',
      ),
      topic: 'fake_news',
      policyRef: 'Quy định của pháp luật về quản lý, cung cấp, sử dụng thông tin trên mạng',
      issuer: PHONG_VHTT,
      urgency: 'normal',
      validFrom: day(-44),
      validUntil: day(67),
      targetUnitIds: [U.district],
      airing: null,
      updatedAt: `${day(-44)}T01:00:00.000Z`,
      rev: 0,
    },
    // ── Land ───────────────────────────────────────────────────────────────────────────────────────────
    {
      id: 'e6910180-95c4-444f-8f33-3abcd9c02a6b',
      version: 1,
      status: 'published',
      title: 'Những điểm mới của Luật Đất đai năm 2024 mà người dân cần biết',
      summary:
        'Giới thiệu một số điểm mới của Luật Đất đai số 31/2024/QH15 về thời hạn sử dụng đất nông nghiệp, bảng giá đất, bồi thường khi thu hồi đất và đất đai của đồng bào dân tộc thiểu số.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Luật Đất đai số 31/2024/QH15 được Quốc hội thông qua ngày 18 tháng 01 năm 2024 và có hiệu lực thi hành từ ngày 01 tháng 8 năm 2024. Luật có nhiều quy định mới, bảo vệ tốt hơn quyền lợi chính đáng của người sử dụng đất.',
        'Thứ nhất, hộ gia đình, cá nhân được Nhà nước giao đất nông nghiệp trong hạn mức, khi hết thời hạn sử dụng đất thì được tiếp tục sử dụng mà không phải làm thủ tục gia hạn. Thứ hai, bảng giá đất được xây dựng và công bố hằng năm, áp dụng từ ngày 01 tháng 01 của năm, làm căn cứ tính tiền sử dụng đất, tiền thuê đất, thuế và tiền bồi thường khi Nhà nước thu hồi đất. Thứ ba, khi Nhà nước thu hồi đất ở, người có đất bị thu hồi được bồi thường bằng đất ở, nhà ở hoặc bằng tiền tùy theo nguyện vọng và quỹ đất của địa phương; việc bố trí tái định cư phải được chuẩn bị trước.',
        'Thứ tư, Luật có chính sách riêng về đất đai đối với đồng bào dân tộc thiểu số: hộ thiếu đất ở, đất sản xuất được Nhà nước xem xét giao đất, cho thuê đất; đất được giao theo chính sách hỗ trợ bị hạn chế chuyển nhượng theo quy định của Luật, để bảo đảm bà con giữ được đất sản xuất, ổn định cuộc sống.',
        'Mọi thắc mắc về đất đai, bà con đến bộ phận Một cửa của Ủy ban nhân dân xã hoặc Văn phòng đăng ký đất đai để được hướng dẫn. Không nghe theo lời môi giới, không giao giấy tờ đất cho người lạ, không ký vào giấy tờ khi chưa đọc kỹ.',
      ),
      topic: 'land',
      policyRef: 'Luật Đất đai số 31/2024/QH15',
      issuer: PHONG_TNMT,
      urgency: 'normal',
      validFrom: day(-55),
      validUntil: null,
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-56)}T02:00:00.000Z`,
      rev: 0,
    },
    {
      id: 'b4909b3b-89ed-49b9-a389-26940069a537',
      version: 1,
      status: 'published',
      title: 'Hướng dẫn đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
      summary:
        'Người đang sử dụng đất ổn định nhưng chưa có Giấy chứng nhận nên chủ động kê khai, đăng ký tại Ủy ban nhân dân xã theo Luật Đất đai năm 2024.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Theo Luật Đất đai năm 2024, đăng ký đất đai là việc bắt buộc đối với người sử dụng đất. Hiện nay trên địa bàn huyện vẫn còn nhiều thửa đất ở, đất vườn, đất nương rẫy của bà con đang sử dụng ổn định nhưng chưa được cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất.',
        'Luật Đất đai năm 2024 mở rộng các trường hợp được cấp Giấy chứng nhận. Hộ gia đình, cá nhân đang sử dụng đất không có giấy tờ về quyền sử dụng đất, không vi phạm pháp luật về đất đai, sử dụng ổn định từ trước ngày 01 tháng 7 năm 2014 và được Ủy ban nhân dân xã xác nhận không có tranh chấp thì được xem xét cấp Giấy chứng nhận theo quy định. Đối với đất chung của hộ gia đình, Giấy chứng nhận ghi đầy đủ tên các thành viên có chung quyền sử dụng đất.',
        'Hồ sơ gồm đơn đăng ký theo mẫu và các giấy tờ hiện có về thửa đất, nếu có. Bà con nộp hồ sơ tại bộ phận Một cửa của Ủy ban nhân dân xã hoặc nộp trực tuyến trên Cổng Dịch vụ công. Cán bộ địa chính xã có trách nhiệm hướng dẫn, kiểm tra hiện trạng, niêm yết công khai và chuyển hồ sơ theo quy định. Đề nghị bà con chủ động kê khai, đăng ký để quyền lợi hợp pháp của mình được Nhà nước bảo hộ.',
      ),
      topic: 'land',
      policyRef: 'Luật Đất đai số 31/2024/QH15',
      issuer: UBND_HUYEN,
      urgency: 'normal',
      validFrom: day(-22),
      validUntil: day(126),
      targetUnitIds: [U.district],
      airing: null,
      updatedAt: `${day(-23)}T08:30:00.000Z`,
      rev: 0,
    },
    // ── Agriculture ────────────────────────────────────────────────────────────────────────────────────
    {
      id: '0e7f89bc-c155-48e0-99df-92612627d4db',
      version: 1,
      status: 'published',
      title: `Tiêm phòng đợt 2 cho gia súc, gia cầm và chống đói, rét cho trâu, bò mùa đông ${vaccineYear}`,
      summary: `Các xã tổ chức tiêm phòng đợt 2 cho vật nuôi đến hết ngày ${formatDate(vaccineUntil)}; bà con chuẩn bị chuồng trại, thức ăn để chống đói, rét cho trâu, bò.`,
      body: paragraphs(
        `Kính thưa bà con nhân dân! Thời tiết chuyển mùa, nhiệt độ xuống thấp, độ ẩm cao là điều kiện thuận lợi cho các loại dịch bệnh trên gia súc, gia cầm phát sinh và lây lan, như bệnh dịch tả lợn châu Phi, lở mồm long móng, viêm da nổi cục ở trâu bò, cúm gia cầm. Thực hiện kế hoạch của Ủy ban nhân dân huyện, từ nay đến hết ${dateInWords(vaccineUntil)}, các xã tổ chức tiêm phòng đợt 2 cho đàn vật nuôi.`,
        'Đề nghị các hộ chăn nuôi đưa trâu, bò, lợn, chó, gà, vịt đi tiêm phòng đầy đủ theo lịch của thú y viên thôn, bản. Khi thấy vật nuôi ốm, chết bất thường phải báo ngay cho thú y viên hoặc Ủy ban nhân dân xã; tuyệt đối không giết mổ, không bán chạy, không vứt xác con vật chết ra sông suối, ven đường. Thường xuyên vệ sinh, tiêu độc chuồng trại bằng vôi bột hoặc thuốc sát trùng.',
        'Để chống đói, rét cho trâu, bò, bà con che chắn kín chuồng trại, lót ổ rơm khô; dự trữ rơm, cỏ khô, thân cây ngô cho vật nuôi ăn trong những ngày giá rét. Khi nhiệt độ ngoài trời xuống dưới 12 độ C, không thả rông gia súc trên núi cao, không cho trâu bò cày kéo; khi nhiệt độ dưới 10 độ C, giữ vật nuôi trong chuồng, có thể khoác áo bao tải và cho uống nước ấm pha chút muối.',
      ),
      topic: 'agriculture',
      policyRef: `Luật Thú y; Kế hoạch tiêm phòng cho gia súc, gia cầm năm ${vaccineYear} của UBND huyện Thanh Lâm`,
      issuer: PHONG_NN,
      urgency: 'normal',
      validFrom: day(-31),
      validUntil: day(95),
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 7, untilDate: day(25) },
      updatedAt: `${day(-32)}T02:00:00.000Z`,
      rev: 0,
    },
    {
      id: '37e018c3-ee38-49ef-891b-b01d8e190682',
      version: 1,
      status: 'published',
      title: 'Chuyển đổi cây trồng trên đất lúa kém hiệu quả, nâng cao thu nhập cho nông dân',
      summary: `Huyện khuyến khích chuyển ruộng lúa kém hiệu quả sang cây trồng có giá trị cao hơn; hộ có nhu cầu đăng ký với cán bộ khuyến nông xã trước ngày ${formatDate(cropDeadline)}.`,
      body: paragraphs(
        'Kính thưa bà con nhân dân! Trên địa bàn huyện hiện còn nhiều diện tích đất trồng lúa một vụ, ruộng bậc thang thiếu nước, chân ruộng cao thường xuyên bị hạn, năng suất thấp, thu nhập không đủ bù chi phí. Ủy ban nhân dân huyện khuyến khích bà con chuyển đổi những diện tích này sang trồng cây hằng năm khác hoặc cây lâu năm có giá trị kinh tế cao hơn, phù hợp với điều kiện đất đai và nhu cầu thị trường.',
        'Một số mô hình đã cho kết quả tốt trong huyện: trồng ngô sinh khối, cỏ voi kết hợp chăn nuôi bò; trồng rau an toàn, khoai tây vụ Đông; trồng cây ăn quả như bưởi, cam, nhãn trên đất vườn đồi. Hộ tham gia chuyển đổi theo kế hoạch được hướng dẫn kỹ thuật, được hỗ trợ một phần giống, phân bón theo chính sách của tỉnh và huyện, và được kết nối với doanh nghiệp, hợp tác xã để tiêu thụ sản phẩm.',
        `Bà con lưu ý: chuyển đổi cây trồng trên đất trồng lúa phải đăng ký với Ủy ban nhân dân xã; không được tự ý đào ao, xây nhà, làm công trình hay làm hỏng lớp đất mặt khiến không thể trồng lúa trở lại. Hộ có nhu cầu chuyển đổi liên hệ cán bộ khuyến nông xã trước ${dateInWords(cropDeadline)} để kịp kế hoạch vụ Xuân năm ${springCropYear(cropDeadline)}.`,
      ),
      topic: 'agriculture',
      policyRef: 'Kế hoạch chuyển đổi cơ cấu cây trồng trên đất trồng lúa của UBND huyện Thanh Lâm',
      issuer: PHONG_NN,
      urgency: 'normal',
      validFrom: day(-24),
      validUntil: day(156),
      targetUnitIds: [U.khuonHa, U.thuongCoc, U.xuanPhong],
      airing: { times: 1, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-25)}T02:00:00.000Z`,
      rev: 0,
    },
    // ── Ethnic policy ──────────────────────────────────────────────────────────────────────────────────
    {
      id: '83132499-f6d4-42eb-abb6-f5cc75b11ea7',
      version: 1,
      status: 'published',
      title: `Công khai danh sách hộ được hỗ trợ nhà ở, đất sản xuất và nước sinh hoạt năm ${yearOf(listFrom)}`,
      summary: `Danh sách hộ được hỗ trợ theo Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số và miền núi được niêm yết từ ${daySpanNumeric(listFrom, 'đến', listUntil)}, bà con xem và phản ánh nếu có sai sót.`,
      body: paragraphs(
        'Kính thưa bà con nhân dân! Chương trình mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi, được phê duyệt tại Quyết định số 1719/QĐ-TTg ngày 14 tháng 10 năm 2021 của Thủ tướng Chính phủ, đã mang lại nhiều đổi thay cho các thôn, bản, buôn, sóc trên địa bàn huyện: đường giao thông, trường học, trạm y tế, công trình nước sạch được đầu tư; nhiều hộ nghèo đã có nhà ở kiên cố, có đất sản xuất và việc làm ổn định.',
        `Năm ${yearOf(listFrom)}, tiếp tục thực hiện chính sách hỗ trợ giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt, Ủy ban nhân dân các xã đã rà soát, bình xét và lập danh sách các hộ đủ điều kiện được hỗ trợ. Danh sách được niêm yết công khai tại trụ sở Ủy ban nhân dân xã và nhà văn hóa các thôn, bản từ ngày ${daySpanInWords(listFrom, 'đến ngày', listUntil, true)}.`,
        `Việc bình xét phải dân chủ, công khai, đúng đối tượng. Bà con hãy đến xem danh sách; nếu thấy gia đình mình đủ điều kiện mà chưa có tên, hoặc có trường hợp không đúng đối tượng, xin phản ánh với trưởng thôn, người có uy tín hoặc trực tiếp với Ủy ban nhân dân xã trước ${dateInWords(listUntil)}. Mọi ý kiến đều được ghi nhận, xem xét và trả lời công khai. Bà con lưu ý: được hỗ trợ không phải nộp bất kỳ khoản tiền nào; nếu ai đòi tiền để đưa tên vào danh sách, hãy báo ngay cho chính quyền.`,
      ),
      topic: 'ethnic_policy',
      policyRef: 'Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ',
      issuer: PHONG_DAN_TOC,
      urgency: 'normal',
      validFrom: day(-20),
      validUntil: day(36),
      targetUnitIds: [U.taPhin, U.vinhHai, U.khuonHa, U.eaSo, U.thuongCoc],
      airing: { times: 2, perDays: 7, untilDate: day(15) },
      updatedAt: `${day(-21)}T03:00:00.000Z`,
      rev: 0,
    },
    {
      id: '78a271c0-5080-428c-b108-74d2944493ec',
      version: 1,
      status: 'published',
      title: 'Chung tay giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống',
      summary:
        'Nhắc lại tuổi kết hôn theo Luật Hôn nhân và gia đình, tác hại của tảo hôn, hôn nhân cận huyết thống và đề nghị các gia đình, người có uy tín cùng vận động thực hiện.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Theo Luật Hôn nhân và gia đình số 52/2014/QH13, nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên mới được kết hôn. Việc lấy vợ, lấy chồng khi một bên hoặc cả hai bên chưa đủ tuổi là tảo hôn. Luật cũng cấm kết hôn giữa những người cùng dòng máu về trực hệ và giữa những người có họ trong phạm vi ba đời.',
        'Tảo hôn khiến các em phải bỏ học sớm, mất cơ hội học nghề và tìm việc làm; người mẹ sinh con khi cơ thể chưa phát triển đầy đủ dễ gặp tai biến, con sinh ra dễ bị suy dinh dưỡng. Hôn nhân cận huyết thống làm tăng nguy cơ sinh con mắc bệnh di truyền, dị tật, ảnh hưởng lâu dài đến sức khỏe của cả dòng họ, cả cộng đồng.',
        'Giữ gìn bản sắc văn hóa tốt đẹp của dân tộc mình không có nghĩa là giữ lại những tập tục đã lạc hậu. Đề nghị các gia đình không ép buộc, không tổ chức cưới hỏi cho con em chưa đủ tuổi; già làng, trưởng bản, trưởng dòng họ, người có uy tín cùng vận động bà con thực hiện đúng pháp luật. Các trường hợp vi phạm sẽ bị xử lý theo quy định.',
        'Nam nữ thanh niên trước khi kết hôn nên đến trạm y tế xã để được tư vấn và khám sức khỏe tiền hôn nhân, vì hạnh phúc của chính mình và tương lai của con cái.',
      ),
      topic: 'ethnic_policy',
      policyRef: 'Luật Hôn nhân và gia đình số 52/2014/QH13',
      issuer: PHONG_DAN_TOC,
      urgency: 'normal',
      validFrom: day(-36),
      validUntil: null,
      targetUnitIds: [U.district],
      airing: null,
      updatedAt: `${day(-37)}T07:00:00.000Z`,
      rev: 0,
    },
    // ── Security and order ─────────────────────────────────────────────────────────────────────────────
    {
      id: 'c73f67bd-3139-4ef4-93c5-aad386b1aabe',
      version: 1,
      status: 'published',
      title: 'Vận động nhân dân giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ',
      summary:
        'Công an huyện vận động bà con tự nguyện giao nộp súng tự chế, vật liệu nổ, công cụ hỗ trợ tại Công an xã và báo ngay khi phát hiện bom mìn, vật nổ.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Thực hiện Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ, Công an huyện Thanh Lâm phối hợp với Ủy ban nhân dân các xã tiếp tục vận động nhân dân tự nguyện giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ; đồng thời kiên quyết đấu tranh với các hành vi tàng trữ, sử dụng trái phép.',
        'Các loại cần giao nộp gồm: súng kíp, súng tự chế, súng hơi, súng săn, súng cồn; lựu đạn, mìn, bom, đạn còn sót lại sau chiến tranh; thuốc nổ, kíp nổ, pháo tự chế; dao găm, kiếm, mã tấu, roi điện, bình xịt hơi cay và các công cụ hỗ trợ khác. Những thứ này rất dễ gây tai nạn thương tâm cho chính người sử dụng và người thân, nhất là trẻ em, và có thể bị kẻ xấu lợi dụng để gây án.',
        'Bà con giao nộp tại Công an xã nơi cư trú hoặc báo để cán bộ công an đến tận nhà thu nhận. Người tự nguyện giao nộp được cấp giấy biên nhận và được xem xét miễn trách nhiệm theo quy định của pháp luật. Khi phát hiện bom, mìn, vật nổ, bà con không tự ý đào bới, cưa cắt, di chuyển, hãy đánh dấu vị trí và báo ngay cho chính quyền, lực lượng công an hoặc quân sự địa phương.',
      ),
      topic: 'security_order',
      policyRef: 'Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ',
      issuer: CONG_AN_HUYEN,
      urgency: 'normal',
      validFrom: day(-41),
      validUntil: day(36),
      targetUnitIds: [U.district],
      airing: { times: 2, perDays: 7, untilDate: day(36) },
      updatedAt: `${day(-42)}T04:00:00.000Z`,
      rev: 0,
    },
    {
      // Expired: the festival fell on the full moon of the tenth lunar month, the day before.
      id: '55d67603-d32a-4fee-8a23-03279f04b861',
      version: 1,
      status: 'published',
      title: `Bảo đảm an ninh, trật tự dịp Lễ hội Ok Om Bok năm ${yearOf(okOmBok)}`,
      summary:
        'Công an huyện đề nghị bà con xã Vĩnh Hải chấp hành hướng dẫn của lực lượng chức năng để Lễ hội Ok Om Bok diễn ra vui tươi, an toàn.',
      body: paragraphs(
        'Kính thưa bà con nhân dân xã Vĩnh Hải! Lễ hội Ok Om Bok, còn gọi là lễ cúng trăng, là lễ hội truyền thống lớn của đồng bào Khmer, được tổ chức vào dịp rằm tháng Mười âm lịch hằng năm, gắn với các hoạt động đua ghe ngo, thả đèn nước, thả đèn gió. Đây là dịp bà con sum họp, tạ ơn thần Mặt Trăng đã cho mưa thuận gió hòa, mùa màng bội thu.',
        'Để lễ hội diễn ra vui tươi, an toàn, Công an huyện phối hợp với Công an xã bố trí lực lượng bảo đảm trật tự tại các điểm tổ chức lễ, khu vực chùa và các tuyến đường đông người. Đề nghị bà con chấp hành hướng dẫn của lực lượng chức năng, đi đúng phần đường, không điều khiển xe sau khi uống rượu bia; không mang theo hung khí, pháo nổ; cảnh giác với kẻ gian móc túi, trộm cắp xe máy ở nơi đông người.',
        'Các đội ghe ngo khi tập luyện và thi đấu cần mặc áo phao, có xuồng cứu hộ đi kèm; phụ huynh trông giữ trẻ em cẩn thận khi xem đua ghe, thả đèn nước ven sông. Mọi hành vi gây rối, đánh bạc, cá độ sẽ bị xử lý nghiêm. Kính chúc bà con đón Lễ hội Ok Om Bok vui tươi, đầm ấm, an toàn.',
      ),
      topic: 'security_order',
      policyRef: `Kế hoạch bảo đảm an ninh, trật tự dịp Lễ hội Ok Om Bok năm ${yearOf(okOmBok)} của Công an huyện Thanh Lâm`,
      issuer: CONG_AN_HUYEN,
      urgency: 'normal',
      validFrom: day(-15),
      validUntil: day(-1),
      targetUnitIds: [U.vinhHai],
      airing: { times: 1, perDays: 1, untilDate: day(-1) },
      updatedAt: `${day(-16)}T02:00:00.000Z`,
      rev: 0,
    },
    {
      id: '87836cf6-a999-457f-ba2b-29437648d0e0',
      version: 1,
      status: 'published',
      title: 'Cảnh giác với thủ đoạn lừa đi làm việc ở nước ngoài, mua bán người',
      summary:
        'Công an huyện cảnh báo thủ đoạn hứa hẹn việc làm lương cao để đưa người qua biên giới và đề nghị bà con báo ngay khi có người thân mất liên lạc bất thường.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Thời gian qua, tại một số địa phương vùng cao, vùng biên giới đã xảy ra nhiều vụ mua bán người. Đối tượng thường làm quen qua mạng xã hội, hứa hẹn việc làm nhẹ nhàng, lương cao ở nước ngoài hoặc ở thành phố lớn, hoặc giả vờ yêu đương, rủ đi chơi, đi lấy chồng nước ngoài, rồi đưa nạn nhân qua biên giới để bán, ép làm việc không lương hoặc ép tham gia lừa đảo qua mạng.',
        'Các em gái, phụ nữ trẻ, thanh niên chưa có việc làm là những người dễ bị lừa nhất. Có nhiều trường hợp chỉ sau vài tuần quen biết trên mạng đã bỏ nhà đi, gia đình mất liên lạc.',
        'Công an huyện đề nghị bà con không tin những lời hứa hẹn việc làm lương cao không rõ ràng. Khi đi làm ăn xa phải báo cho gia đình, trưởng bản, Công an xã và giữ liên lạc thường xuyên; chỉ đi làm việc ở nước ngoài qua doanh nghiệp được cấp phép, có hợp đồng rõ ràng. Khi phát hiện người lạ đến thôn, bản rủ rê, dụ dỗ, hoặc có người thân mất liên lạc bất thường, hãy báo ngay cho Công an xã hoặc gọi số 113. Mọi thông tin của người tố giác đều được giữ bí mật.',
      ),
      topic: 'security_order',
      policyRef: 'Luật Phòng, chống mua bán người',
      issuer: CONG_AN_HUYEN,
      urgency: 'normal',
      validFrom: day(-13),
      validUntil: day(95),
      targetUnitIds: [U.taPhin, U.khuonHa, U.team],
      airing: { times: 2, perDays: 7, untilDate: day(67) },
      updatedAt: `${day(-14)}T08:00:00.000Z`,
      rev: 0,
    },
    // ── Health, environment, education ─────────────────────────────────────────────────────────────────
    {
      id: '479a9d17-6ae3-4d23-9e62-450fe3d6e91f',
      version: 1,
      status: 'published',
      title: 'Chủ động phòng, chống bệnh sốt xuất huyết',
      summary:
        'Sốt xuất huyết đang gia tăng; mỗi gia đình dành 10 phút mỗi tuần diệt lăng quăng, bọ gậy, ngủ màn và đưa người sốt đến cơ sở y tế sớm.',
      body: paragraphs(
        `Kính thưa bà con nhân dân! Thời tiết cuối mùa mưa nóng ẩm, mưa nắng xen kẽ là điều kiện thuận lợi cho muỗi vằn sinh sản và truyền bệnh sốt xuất huyết. Từ đầu tháng ${monthOf(day(-55))} đến nay, trên địa bàn huyện đã ghi nhận nhiều ca mắc sốt xuất huyết, tập trung ở những khu dân cư đông đúc, có nhiều vật dụng chứa nước.`,
        'Bệnh sốt xuất huyết do vi rút Dengue gây ra, lây truyền qua muỗi vằn đốt. Người bệnh thường sốt cao đột ngột, liên tục từ 2 đến 7 ngày, đau đầu, đau hốc mắt, đau mỏi người, có thể có chấm xuất huyết dưới da, chảy máu chân răng, chảy máu cam. Bệnh có thể trở nặng, gây tử vong nếu không được theo dõi, điều trị kịp thời, và hiện chưa có thuốc điều trị đặc hiệu.',
        'Biện pháp phòng bệnh hiệu quả nhất là diệt lăng quăng, bọ gậy và không để muỗi đốt. Mỗi gia đình hãy dành 10 phút mỗi tuần để đậy kín các dụng cụ chứa nước, thả cá vào bể nước lớn, thay nước bình hoa, lật úp chum vại không dùng, thu gom vỏ chai, lốp xe, gáo dừa đọng nước quanh nhà; ngủ màn kể cả ban ngày.',
        'Khi có người bị sốt, bà con đưa ngay đến trạm y tế xã hoặc cơ sở y tế gần nhất để được khám và theo dõi; không tự ý dùng thuốc hạ sốt có aspirin, không tự truyền dịch tại nhà. Đề nghị bà con phối hợp với ngành y tế trong các đợt phun hóa chất diệt muỗi tại thôn, ấp.',
      ),
      topic: 'other',
      policyRef: 'Hướng dẫn của Bộ Y tế về phòng, chống bệnh sốt xuất huyết Dengue',
      issuer: TTYT_HUYEN,
      urgency: 'normal',
      validFrom: day(-55),
      validUntil: day(20),
      targetUnitIds: [U.district],
      airing: { times: 3, perDays: 7, untilDate: day(20) },
      updatedAt: `${day(-56)}T07:30:00.000Z`,
      rev: 0,
    },
    {
      id: 'd2506a5b-53ef-442e-affd-1578eba0629e',
      version: 1,
      status: 'published',
      title: 'Phân loại rác thải sinh hoạt tại nguồn, giữ gìn thôn bản xanh – sạch – đẹp',
      summary:
        'Hướng dẫn các hộ gia đình phân loại chất thải rắn sinh hoạt thành ba nhóm theo Luật Bảo vệ môi trường và không vứt rác xuống sông suối, kênh mương.',
      body: paragraphs(
        'Kính thưa bà con nhân dân! Theo Luật Bảo vệ môi trường số 72/2020/QH14, hộ gia đình, cá nhân có trách nhiệm phân loại chất thải rắn sinh hoạt ngay tại nhà thành ba nhóm: chất thải có khả năng tái sử dụng, tái chế; chất thải thực phẩm; và chất thải rắn sinh hoạt khác. Phân loại đúng giúp giảm lượng rác phải chôn lấp, giảm ô nhiễm đất, nguồn nước và tiết kiệm chi phí thu gom, xử lý.',
        'Cụ thể, giấy, bìa các-tông, chai nhựa, lon kim loại, sắt vụn bà con để riêng để bán hoặc cho người thu mua phế liệu. Cơm thừa, rau, vỏ hoa quả có thể ủ làm phân bón cho vườn rau, cây ăn quả hoặc dùng cho chăn nuôi. Phần rác còn lại cho vào túi, buộc kín, để đúng nơi và đúng giờ thu gom theo thông báo của thôn, xã. Pin, bóng đèn hỏng là chất thải nguy hại, phải để riêng; vỏ bao bì thuốc bảo vệ thực vật bỏ vào bể chứa trên cánh đồng, không đốt, không vứt bừa bãi.',
        'Tuyệt đối không vứt rác, xác động vật xuống sông, suối, kênh mương; không đốt rác gây khói bụi ảnh hưởng đến sức khỏe hàng xóm. Phòng Tài nguyên và Môi trường huyện đề nghị các thôn, bản đưa nội dung giữ gìn vệ sinh môi trường vào hương ước, quy ước; đoàn thanh niên, hội phụ nữ tổ chức ra quân dọn vệ sinh vào sáng Chủ nhật hằng tuần.',
      ),
      topic: 'environment',
      policyRef: 'Luật Bảo vệ môi trường số 72/2020/QH14',
      issuer: PHONG_TNMT,
      urgency: 'normal',
      validFrom: day(-24),
      validUntil: null,
      targetUnitIds: [U.district],
      airing: null,
      updatedAt: `${day(-26)}T09:00:00.000Z`,
      rev: 0,
    },
    {
      id: 'cb31c3a1-33c2-44ed-a683-fa026e06e414',
      version: 1,
      status: 'published',
      title: 'Vận động học sinh đến trường, không để các em bỏ học giữa chừng',
      summary:
        'Đề nghị phụ huynh cho con em đi học đều và giới thiệu các chính sách miễn học phí, hỗ trợ tiền ăn, gạo, nhà ở cho học sinh vùng khó khăn.',
      body: paragraphs(
        `Kính thưa các bậc phụ huynh và bà con nhân dân! Năm học ${schoolYear(schoolOpening)} đã bước sang tháng thứ ba. Bên cạnh những kết quả đáng mừng, trên địa bàn huyện vẫn còn một số em học sinh, nhất là học sinh trung học cơ sở ở các thôn, bản xa, nghỉ học dài ngày để theo bố mẹ lên nương, đi làm thuê hoặc ở nhà trông em.`,
        'Học tập là con đường để các em có kiến thức, có nghề nghiệp và có cuộc sống tốt hơn. Hiện nay học sinh các trường công lập được miễn học phí theo quy định của Nhà nước; học sinh ở xã, thôn đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số còn được hỗ trợ tiền ăn, gạo và tiền nhà ở nếu nhà xa trường phải ở lại trường hoặc ở trọ; học sinh dân tộc thiểu số được ưu tiên khi xét tuyển vào trường phổ thông dân tộc nội trú, cử tuyển và học nghề.',
        'Đề nghị các gia đình tạo điều kiện để con em đi học đều, không để các em nghỉ học giữa chừng, không cho con em chưa đủ tuổi lao động đi làm thuê xa nhà. Khi con em có ý định bỏ học, phụ huynh hãy trao đổi với giáo viên chủ nhiệm, trưởng thôn, bản để cùng động viên các em trở lại lớp. Nhà trường, Ban đại diện cha mẹ học sinh và các đoàn thể sẽ đến từng gia đình để vận động và giúp đỡ những em có hoàn cảnh khó khăn.',
      ),
      topic: 'education',
      policyRef: 'Chính sách hỗ trợ học sinh vùng đồng bào dân tộc thiểu số và miền núi',
      issuer: PHONG_GDDT,
      urgency: 'normal',
      validFrom: day(-55),
      validUntil: day(187),
      targetUnitIds: [U.district],
      airing: { times: 1, perDays: 7, untilDate: day(187) },
      updatedAt: `${day(-57)}T02:00:00.000Z`,
      rev: 0,
    },
  ];
}
