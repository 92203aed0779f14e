import type { EN } from "./messages.en";

/** The Vietnamese catalogue: the same keys as the English one (the type and a test check it). */
export const VI: Record<keyof typeof EN, string> = {
  "code.UNAUTHENTICATED": "Cần đăng nhập trước: gửi Authorization: Bearer <token> nhận được khi đăng nhập.",
  "code.FORBIDDEN": "Bạn không có quyền thực hiện việc này.",
  "code.BAD_USER_INPUT": "Dữ liệu nhập không hợp lệ.",
  "code.NOT_FOUND": "Không tìm thấy.",
  "code.INVALID_TRANSITION": "Không thể thực hiện ở trạng thái hiện tại.",
  "code.DEADLINE_PASSED": "Đã quá hạn.",
  "code.CONFLICT": "Dữ liệu vừa được người khác thay đổi: hãy tải lại rồi thử lại.",
  "code.QUERY_TOO_COMPLEX": "Truy vấn quá lớn hoặc quá phức tạp.",
  "code.RATE_LIMITED": "Thử quá nhiều lần: hãy chờ rồi thử lại.",
  "code.INTERNAL_SERVER_ERROR":
    "Lỗi máy chủ. Mã yêu cầu trong tiêu đề X-Request-Id giúp tìm lỗi trong nhật ký.",
  "code.GRAPHQL_PARSE_FAILED": "Truy vấn không đúng cú pháp GraphQL: {detail}",
  "code.GRAPHQL_VALIDATION_FAILED": "Truy vấn không khớp với lược đồ: {detail}",
  "code.BAD_REQUEST": "Yêu cầu không phải là yêu cầu GraphQL mà máy chủ chấp nhận: {detail}",
  "code.PERSISTED_QUERY_NOT_FOUND": "PersistedQueryNotFound",
  "code.PERSISTED_QUERY_NOT_SUPPORTED": "PersistedQueryNotSupported",
  "code.OPERATION_RESOLUTION_FAILURE": "Không rõ cần chạy thao tác nào: {detail}",
  "graphql.variables": "Giá trị của biến không hợp lệ: {detail}",

  "field.text": "{field} phải là văn bản.",
  "field.required": "Chưa nhập {field}.",
  "field.control": "{field} chứa ký tự điều khiển không hợp lệ.",
  "field.deceptive": "{field} chứa ký tự đảo chiều đọc hoặc ký tự hỏng: hãy xoá chúng.",
  "field.singleLine": "{field} phải nằm trên một dòng.",
  "field.maxLength": "{field} dài tối đa {max} ký tự.",
  "field.email": "{field} không phải là địa chỉ thư điện tử.",
  "field.url": "{field} phải là địa chỉ http(s).",
  "field.format": "{field} không đúng định dạng.",
  "field.range": "{field} nằm ngoài giới hạn cho phép.",
  "field.listCap": "{field} chỉ được liệt kê tối đa {max} giá trị.",
  "field.invalid": "{field} không hợp lệ.",
  "field.id": "{field} không phải là mã hợp lệ.",
  "field.pageSize": "{field} phải từ 1 đến {max}.",
  "field.cursor": "{field} không phải là vị trí của danh sách này: hãy bắt đầu lại từ đầu.",
  "field.notFuture": "{field} không được là ngày trong tương lai.",
  "field.year": "{field} không phải là năm hợp lý.",
  "field.list": "{field}: {values} — không phải {what}.",
  "field.problems": "{detail}",

  "auth.wrongLogin": "Sai thư điện tử hoặc mật khẩu.",
  "auth.badToken": "Mã đăng nhập sai, đã hết hạn hoặc không còn hiệu lực: hãy đăng nhập lại.",
  "auth.locked": "Đăng nhập sai quá nhiều lần: hãy thử lại sau {minutes} phút.",
  "auth.otherCommune": "Bạn là cán bộ của xã khác.",
  "auth.passwordLength": "{field} phải dài từ {min} đến {max} ký tự.",
  "auth.demoPassword": "{field} là mật khẩu trình diễn đã công bố.",
  "auth.weakPassword": "{field} quá dễ đoán: hãy dùng một cụm từ dài gồm các từ không liên quan.",
  "auth.wrongOldPassword": "Mật khẩu hiện tại không đúng.",
  "auth.communeRequired": "Cán bộ cấp xã phải thuộc một xã.",
  "auth.communeRefused": "Chỉ cán bộ cấp xã mới thuộc một xã.",
  "auth.emailTaken": "Đã có người dùng với thư điện tử này.",
  "auth.selfDeactivation": "Bạn không thể tự khóa tài khoản của mình.",
  "auth.accountChanged": "Tài khoản vừa được thay đổi: hãy thử lại.",
  "auth.noUser": "Không có người dùng với mã này.",
  "auth.badEmail":
    "{field} không phải địa chỉ thư điện tử hệ thống chấp nhận: chữ không dấu, chữ số và . _ + - trước @, rồi tên miền.",

  "geo.unknownCommune": "{code} không phải là mã xã/phường đã biết.",
  "catalog.relevanceAscending":
    "Sắp xếp theo mức độ phù hợp luôn đưa kết quả phù hợp nhất lên trước: bỏ chiều sắp xếp (hoặc chọn DESC).",
  "catalog.notProductSet": "{code} không phải là bộ sản phẩm (ví dụ I.2.b).",
  "catalog.producerExists": "Xã đã có chủ thể này: {name} (mã {id}).",
  "catalog.productExists": "Chủ thể đã có sản phẩm này: {name} (mã {id}).",
  "catalog.noProducer": "Không có chủ thể với mã này.",
  "catalog.noProduct": "Không có sản phẩm với mã này.",

  "round.exists": "Đã có đợt đánh giá “{name}” của năm {year}.",
  "round.notFound": "Không có đợt đánh giá với mã này.",
  "round.deadlineEarlier": "Hạn mới phải sau hạn hiện tại.",
  "round.deadlineChanged": "Hạn vừa được thay đổi: hãy tải lại đợt đánh giá.",

  "dossier.notFound": "Không có hồ sơ với mã này.",
  "dossier.notPossible": "Không thể “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
  "dossier.notYourRole": "{role} không được “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
  "dossier.alreadyCertified": "Sản phẩm đã có giấy chứng nhận: hãy lập hồ sơ đánh giá lại hoặc nâng hạng.",
  "dossier.needsCertificate":
    "Hồ sơ “{kind}” chỉ dành cho sản phẩm đã có giấy chứng nhận: hãy lập hồ sơ đánh giá lần đầu.",
  "dossier.openInRound": "Sản phẩm đã có hồ sơ {code} trong đợt này.",
  "dossier.missingDocuments": "Thiếu giấy tờ bắt buộc: {documents}.",
  "notice.noEmail":
    "{producer} chưa có địa chỉ thư điện tử: hãy ghi nhận thông báo bằng văn bản hoặc điện thoại.",
  "papers.needs": "Văn bản này cần: {fields}.",
  "papers.noCommune": "Không có xã nào bạn được xem với mã này.",
  "papers.noDecision": "Không có quyết định công nhận nào bạn được xem với số này.",
  "papers.notConcluded": "Hội đồng chưa kết luận đánh giá hồ sơ này.",
  "papers.notForDossier": "Văn bản này không thuộc hồ sơ.",
  "papers.noCertificate": "Hồ sơ này chưa có giấy chứng nhận.",
  "dossier.unconfirmedDocuments": "Chưa có giấy tờ được xã xác nhận cho: {documents}.",
  "dossier.notProducerDocument":
    "Chủ thể không nộp các giấy tờ này, đó là giấy tờ của xã hoặc của tỉnh: {documents}.",
  "dossier.repeatedSupplementItem": "Mỗi loại giấy tờ chỉ ghi một lần.",
  "dossier.noSupplementItems": "Hãy ghi ít nhất một giấy tờ chủ thể cần bổ sung.",
  "dossier.dueInPast": "Hạn bổ sung không được trước ngày hôm nay.",
  "dossier.receivedBeforeRound": "Không thể tiếp nhận hồ sơ trước ngày mở đợt đánh giá ({opened}).",
  "dossier.notValidReason": "Hãy ghi lý do giấy tờ không hợp lệ.",
  "dossier.documentLapsed": "“{title}” chỉ có hiệu lực đến {validUntil}: không thể xác nhận.",
  "dossier.provinceKind": "“{kind}” do tỉnh đính kèm sau khi tiếp nhận hồ sơ.",
  "dossier.communeKind": "“{kind}” do xã đính kèm khi hồ sơ đang ở cấp xã.",
  "dossier.documentCited": "Kết luận của hội đồng dựa trên giấy tờ này: không thể gỡ.",
  "programme.notCertified": "“{name}” không có giấy chứng nhận còn hiệu lực: hãy đề xuất như sản phẩm mới.",
  "programme.notMoreStars": "Nâng hạng phải cao hơn {stars} sao của giấy chứng nhận hiện có.",
  "selfAssessment.oneSubject": "Chỉ ghi một trong hai: potentialProductId hoặc dossierId.",
  "selfAssessment.closedEntry": "Không thể ghi phiếu tự đánh giá cho sản phẩm ở trạng thái “{status}”.",
  "scoring.gradeBelowMet":
    "{criterion}: lựa chọn {optionCode} thấp hơn mức 3 sao của tiêu chí {criterionCode}, nên không thể ghi là “đạt”.",
  "dossier.deadlinePassed": "Đã quá hạn gửi hồ sơ của đợt ({deadline}, 23 giờ 59 phút 59 giây giờ Việt Nam).",
  "dossier.councilIncomplete": "Cần {needed} phiếu chấm để kết luận; hồ sơ mới có {given}.",
  "dossier.provinceStars": "Tỉnh công nhận 3 và 4 sao; kết quả 5 sao được đề nghị Bộ công nhận.",
  "dossier.fiveStarsOnly": "Chỉ hồ sơ đạt 5 sao mới được đề nghị Bộ công nhận.",
  "dossier.belowCentralThreshold":
    "Chỉ hồ sơ có điểm bình quân từ {minPoints} trở lên mới được đề nghị Bộ công nhận; hồ sơ này đạt {average}.",
  "dossier.noSamples": "Quy định không yêu cầu sản phẩm mẫu đối với bộ sản phẩm này.",
  "programme.year": "year phải là một năm từ 2018 đến 2100.",
  "programme.notFound": "Không có sản phẩm tiềm năng này trong phạm vi của bạn.",
  "programme.producerElsewhere": "Chủ thể này không thuộc xã của sản phẩm tiềm năng.",
  "programme.alreadyRegistered": "“{name}” đã có trong danh sách của xã (“{status}”).",
  "programme.notPossible":
    "Sản phẩm tiềm năng đang “{from}” không thể chuyển sang “{to}”; có thể chuyển sang: {allowed}.",
  "programme.dropReason": "Hãy nêu lý do không tiếp tục (reason).",
  "programme.notReady":
    "Chỉ lập hồ sơ cho sản phẩm đã được chọn hoặc đang chuẩn bị; sản phẩm này đang “{status}”.",
  "programme.producerNeeded":
    "Sản phẩm tiềm năng chưa có chủ thể: hãy cho biết chủ thể (producer: tên và loại hình).",
  "scoring.sheetUnusable":
    "Phiếu chấm của bộ sản phẩm này có lỗi ({defects}): chưa thể chấm cho đến khi tỉnh sửa trong tệp đính chính (corrections.csv).",
  "scoring.badChoices":
    "Lựa chọn không khớp với phiếu chấm. Tiêu chí chưa chọn: {missing}. Không phải tiêu chí của phiếu: {unknown}. Chọn hai lần: {duplicate}. Lựa chọn của tiêu chí khác: {badOptions}.",
  "scoring.noCriteriaSheet":
    "{version} không có phiếu chấm cho bộ sản phẩm này: chưa thể chấm cho đến khi bộ quy định có phiếu.",
  "scoring.badCases":
    "Hãy chọn một trường hợp cho mỗi nhóm tiêu chí có trường hợp lựa chọn. Nhóm chưa chọn: {missing}. Không phải trường hợp của phiếu (hoặc chọn hai lần): {unknown}.",
  "scoring.badMissingPoints":
    "Hãy cho điểm mỗi phần phiếu còn thiếu điểm một lần, trong giới hạn và kèm ghi chú ({groups}). Phần chưa cho điểm: {missing}. Cho điểm ngoài giới hạn, thiếu ghi chú, hai lần hoặc không phải phần thiếu điểm: {bad}.",
  "scoring.notDisputed":
    "{mark} không phải tiêu chí bắt buộc mà các phiếu chấm có kết quả khác nhau; các tiêu chí đó là: {disputed}.",
  "scoring.findingDocument": "Kết luận phải dựa trên một giấy tờ của hồ sơ này (documentId).",
  "scoring.findingsMissing":
    "Các phiếu chấm có kết quả khác nhau ở các tiêu chí bắt buộc: {marks}. Hãy ghi kết luận của hội đồng cho từng tiêu chí (recordMandatoryFinding) trước khi kết luận đánh giá.",
  "scoring.partTotalSheets":
    "Có phiếu chấm theo tổng điểm từng phần, không còn dùng để kết luận: mọi thành viên cần nộp phiếu chấm theo tiêu chí (submitCriteriaScoreSheet).",
  "scoring.noLocalGrade":
    "Tiêu chí địa phương {criterion} cần optionCode, một lựa chọn của tiêu chí {criterionCode}.",
  "scoring.badLocalGrade": "{optionCode} không phải là lựa chọn của tiêu chí {criterionCode}.",
  "code.SCORE_SPREAD": "Tổng điểm của các thành viên chênh lệch quá nhiều.",
  "scoring.spread":
    "Tổng điểm của các thành viên ({totals}) chênh nhau {spread} điểm, vượt mức {maxSpread} điểm theo quy định: cần xem lại các phiếu trước khi kết luận.",
  "dossier.graceDaysProvince": "Chỉ tỉnh được cho thêm thời hạn, khi trả lại hồ sơ đã gửi lên tỉnh.",
  "dossier.noFile": "Không có tệp với mã này.",
  "dossier.noDocument": "Không có giấy tờ với mã này.",
  "dossier.noDocumentsGiven": "Hãy chọn ít nhất một giấy tờ.",
  "dossier.notEarlierDocuments": "Đây không phải giấy tờ của các hồ sơ trước của sản phẩm.",
  "dossier.lapsedDocuments": "Các giấy tờ đã hết hiệu lực: {documents}.",

  "certificate.notFound": "Không có giấy chứng nhận với số này.",
  "certificate.noNoticeDue": "Giấy chứng nhận đang ở trạng thái “{status}”: không cần thông báo.",
  "certificate.noticeRecorded":
    "Đã ghi nhận thông báo của {authority} gửi ngày {sentOn} cho giấy chứng nhận này.",
  "certificate.onlyActive":
    "Giấy chứng nhận đang ở trạng thái “{status}”: chỉ thu hồi được giấy còn hiệu lực hoặc đã hết hạn.",
  "certificate.unknownGrounds":
    "{codes} không phải là căn cứ thu hồi theo {version}; các căn cứ là: {known}.",
  "certificate.ministryRevokes":
    "Giấy chứng nhận do Bộ cấp thì Bộ thu hồi: hãy ghi nhận văn bản đề nghị của tỉnh trước (proposeRevocationToMinistry), sau đó ghi quyết định của Bộ, hoặc ghi rõ Bộ tự thu hồi (onMinistryInitiative).",
  "certificate.groundsRequired": "Cần nêu ít nhất một căn cứ thu hồi của {version}: {known}.",
  "certificate.noPendingProposal":
    "Không có đề nghị thu hồi nào đang chờ Bộ xem xét đối với giấy chứng nhận này.",
  "certificate.refusalBeforeProposal":
    "Văn bản của Bộ không thể có ngày trước văn bản đề nghị ngày {letterDate}.",
  "certificate.provinceRevokes": "Giấy chứng nhận này do tỉnh thu hồi, không đề nghị Bộ.",
  "certificate.proposedAlready":
    "Đã đề nghị Bộ thu hồi giấy chứng nhận này ({letterNumber} ngày {letterDate}).",
  "certificate.notThisProduct": "Các vi phạm này không được ghi nhận cho sản phẩm này.",
  "certificate.recommendationWaiting": "Đã có đề nghị thu hồi giấy chứng nhận này đang chờ tỉnh quyết định.",
  "certificate.already": "Giấy chứng nhận đã ở trạng thái “{status}”.",
  "certificate.revokedMeanwhile": "Giấy chứng nhận vừa bị thu hồi.",
  "certificate.certifiedMeanwhile": "Sản phẩm vừa được công nhận: hãy tải lại hồ sơ.",
  "recommendation.notFound": "Không có đề nghị với mã này.",
  "recommendation.already": "Đề nghị đã ở trạng thái “{status}”.",
  "recommendation.decidedMeanwhile": "Đề nghị vừa được quyết định.",

  "limits.cost": "Chi phí truy vấn {cost} vượt giới hạn {max}: hãy hỏi ít trường hơn hoặc giảm first.",
  "http.bodyTooLarge": "Nội dung yêu cầu vượt giới hạn {limit}.",
  "http.badJson": "Nội dung yêu cầu không phải JSON hợp lệ.",
  "http.badRequest": "Địa chỉ hoặc tiêu đề của yêu cầu bị lỗi (ví dụ mã hoá % không đúng).",
  "http.noRoute": "Không có gì ở địa chỉ này: API trả lời tại /graphql.",

  "file.multipart": "Hãy gửi multipart/form-data với tệp trong trường `file`.",
  "file.malformed": "Nội dung multipart bị lỗi.",
  "file.cutShort": "Tệp tải lên bị gián đoạn.",
  "file.missing": "Không có tệp trong trường `file`.",
  "file.tooLarge": "Tệp vượt giới hạn {megabytes} MB.",
  "file.type": "Chỉ nhận tệp PDF, JPEG và PNG (kiểm tra theo nội dung tệp).",
  "file.quota": "Dung lượng tải lên hôm nay đã đạt giới hạn {megabytes} MB: hãy thử lại vào ngày mai.",

  "catalog.productInUse":
    "“{name}” đã có giấy chứng nhận hoặc hồ sơ nên không thể xóa: hãy lưu trữ sản phẩm.",
  "catalog.productUnderEvaluation": "“{name}” có hồ sơ đang đánh giá nên không thể lưu trữ.",
  "catalog.productArchived": "“{name}” đã được lưu trữ: hãy khôi phục trước khi mở hồ sơ.",
  "recognition.numberRequired":
    "Hãy nhập số giấy chứng nhận ghi trên quyết định công nhận: hệ thống không tự tạo số.",
  "certificate.numberTaken": "Số giấy chứng nhận {number} đã được dùng.",
  "import.noFile": "Không có bảng tính nào bạn đã tải lên với mã này.",
  "import.notImportFile":
    "Tệp này không được tải lên để nhập dữ liệu: hãy tải bảng tính lên với purpose=import.",
  "import.unreadable": "Không đọc được tệp dưới dạng sổ tính Excel (.xlsx) hay tệp CSV.",
  "import.encoding": "Tệp CSV không phải văn bản UTF-8 hay UTF-16: trong Excel, hãy lưu dạng “CSV UTF-8”.",
  "import.empty": "Tệp không có dòng tiêu đề.",
  "import.noRows": "Tệp không có dòng dữ liệu nào.",
  "import.tooManyRows": "Tệp có hơn {max} dòng: hãy chia thành các tệp nhỏ hơn.",
  "import.tooLarge":
    "Sổ tính có nội dung lớn hơn mức một bảng {max} dòng có thể có (giải nén quá lớn hoặc quá nhiều ô): hãy lưu trang tính đầu tiên thành sổ tính mới hoặc tệp CSV.",
  "import.missingColumn": "Thiếu cột bắt buộc “{column}”.",
  "import.duplicateColumn": "Cột “{column}” xuất hiện hai lần.",
  "import.required": "Cần nhập “{column}”.",
  "import.tooLong": "“{column}” dài quá {max} ký tự.",
  "import.badText": "“{column}” có ký tự không được phép.",
  "import.badStars": "“{value}” không phải hạng sao: ghi 3, 4 hoặc 5.",
  "import.badKind":
    "“{value}” không phải loại hình chủ thể: ghi Hợp tác xã, Doanh nghiệp, Hộ kinh doanh hoặc Tổ hợp tác.",
  "import.badLevel": "“{value}” không phải cấp công nhận: ghi UBND tỉnh, UBND huyện hoặc Bộ.",
  "import.badDate": "“{value}” không phải ngày: ghi dd/mm/yyyy.",
  "import.futureDate": "Ngày {value} ở tương lai.",
  "import.expiryBeforeDecision": "Ngày hết hạn {value} trước ngày quyết định.",
  "import.badEmail": "“{value}” không phải địa chỉ thư điện tử.",
  "import.badPhone": "“{value}” không phải số điện thoại: 6 đến 30 chữ số, dấu cách hoặc + ( ) . -",
  "import.unknownCommune": "Không có xã/phường nào tên “{value}”, hiện nay hay trước khi sắp xếp năm 2025.",
  "import.ambiguousCommune": "“{value}” có thể là {candidates}: hãy ghi mã hoặc tên hiện nay của xã/phường.",
  "import.unknownProductSet": "“{value}” không phải bộ sản phẩm: ghi mã (ví dụ I.2.b) hoặc tên bộ sản phẩm.",
  "import.ambiguousProductSet": "“{value}” có thể là {candidates}: hãy ghi mã bộ sản phẩm.",
  "import.otherCommune": "Dòng này thuộc {commune}: bạn chỉ được nhập các dòng của xã/phường mình.",
  "import.certificateOfOtherProduct": "Giấy chứng nhận {number} thuộc sản phẩm khác, “{product}”.",
  "import.expiryDiffers":
    "Ngày hết hạn {given} khác {expected} (ngày quyết định cộng {months} tháng): giữ ngày đã ghi.",
  "import.conflictingValue":
    "“{column}” ở đây là “{value}” nhưng ở dòng {line} là “{kept}” cho cùng {what}: giữ giá trị của dòng {line}.",
  "import.revokedKept":
    "Giấy chứng nhận {number} đã bị thu hồi ngày {revokedOn}: việc nhập không thay đổi nó.",
  "import.applyNotYours":
    "Chỉ cấp tỉnh ghi nhận giấy chứng nhận: cán bộ cấp xã chỉ được chạy thử các dòng của xã mình để chuẩn bị tệp.",
  "import.levelStars": "{level} không công nhận sản phẩm {stars} sao ({source}).",
  "import.levelEnded": "{level} không công nhận sản phẩm OCOP vào ngày {date} ({source}).",
  "import.levelInferred": "Không ghi cấp công nhận: hiểu là {level} ({why}).",
  "import.afterGoLive":
    "Quyết định ngày {value} từ ngày {goLive} trở đi, khi tỉnh bắt đầu ghi nhận công nhận trên hệ thống: hãy ghi nhận qua quy trình.",
  "import.relistRevoked":
    "Giấy chứng nhận gần nhất của sản phẩm, số {number}, đã bị thu hồi ngày {revokedOn}: việc nhập không đưa sản phẩm trở lại (cần đánh giá lại).",
  "import.workflowCertificate":
    "Giấy chứng nhận {number} được cấp qua quy trình trên hệ thống: việc nhập không sửa hay thay thế nó.",
  "import.formerUnit":
    "“{value}” trước khi sắp xếp ngày 1/7/2025 là đơn vị nay thuộc {commune}: hiểu như vậy theo quyết định ngày {date}.",
  "import.communeNeedsDate":
    "“{value}” là {current} hiện nay và từng là đơn vị nay thuộc {former}: cần ngày quyết định hợp lệ để xác định.",
  "import.exampleRow": "Đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này trước khi nhập.",
  "file.purposeNotYours": "Vai trò của bạn không dùng được tệp tải lên cho mục đích {purpose}.",
  "file.notEvidence": "Tệp này được tải lên để nhập dữ liệu: hồ sơ chỉ nhận giấy tờ PDF, JPEG hoặc PNG.",
  "file.importType": "Chỉ nhận sổ tính Excel (.xlsx) và tệp CSV để nhập dữ liệu (kiểm tra theo nội dung).",
  "file.purpose": "Trường `purpose` phải là evidence, import hoặc image.",
  "file.imageType": "Chỉ nhận ảnh JPEG, PNG và WebP (kiểm tra theo nội dung tệp).",
  "file.notAnImage": "Không đọc được ảnh: tệp bị hỏng hoặc ảnh lớn hơn {megapixels} megapixel.",
  "content.notYourPhoto":
    "{field} không phải là ảnh do bạn tải lên: hãy tải ảnh bằng POST /files với trường purpose = image.",
  "content.tooManyPhotos": "Mỗi sản phẩm có tối đa {max} ảnh: hãy xoá bớt một ảnh trước.",
  "content.photoAlreadyAdded": "Ảnh này đã có trong các ảnh của sản phẩm.",
  "content.noPhoto": "Không có ảnh này trong các sản phẩm bạn được sửa.",
  "content.photoOrder": "{field} phải liệt kê mỗi ảnh trong {count} ảnh của sản phẩm đúng một lần.",
  "content.coordinatePair": "{field}: hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.",
};
