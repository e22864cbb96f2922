"""The docs' published test key and its 13 signature vectors (Satori's docs: 'A complete example' and the endpoint pages; docs/evidence.md).

This key is public: it is printed in Satori's documentation. It is the only
private key allowed anywhere in this repository.
"""

DOCS_API_KEY = 'st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7'
DOCS_WALLET = '0x134eF0CfABEBF9c70eAE631254a6b4736f9b8508'
DOCS_SECRET = '0x2bf7cc40cfc5b2a43f60769d31191e82ed33aafb5e75be710271acd40a769564'

# (number, what is signed, signature), exactly as published.
VECTORS = [
    (1, 'clientOrderId=1725693490018&isLong=True&isMarket=True&lever=20&matchType=2&pairName=ETH-USD&positionType=3'
        '&price=3100&quantity=0.02&timestamp=1725693490018',
     '0x7c8e2c2e5bfdd29f217e9bf1de4270c4c4aebe85ab09864cf3bef3bcf6f520d70b9e5c251280a2defe77cd5f3d6b64d938906317303a96955d8e3830af9ea03c1c'),
    (2, '{"orders":[{"clientOrderId":"1725696393685","isLong":true,"isMarket":true,"lever":20,"matchType":2,"pairName":"ETH-USD",'
        '"positionType":3,"price":"3100","quantity":"0.02"},{"clientOrderId":"1725696393685","isLong":false,"isMarket":false,'
        '"lever":1,"matchType":1,"pairName":"ETH-USD","positionType":3,"price":"3500","quantity":"0.02"},{"clientOrderId":'
        '"1725696393685","isLong":false,"isMarket":false,"lever":1,"matchType":1,"pairName":"ETH-USD","positionType":3,'
        '"price":"3500","quantity":"0.02"}],"timestamp":"1725696393685"}',
     '0x89d41d5762b114bfc2a698f1af59f622e93249a3228dfef07970f7d975e919fb12c339db8f628252773d00aa68b10732ffd45424976950e47db0da874bc7cc6a1b'),
    (3, 'entrustId=178790278&timestamp=1725696896942',
     '0xf46a4e6efdbc7316d4c31901e12dfff2f156d3c11346fe1f5f2069994be39415746b8fef594a5b93c40c8a50f04986259605635910cac00578fec47629ccf97d1c'),
    (4, 'entrustIds=180554928,180554929,180554930&timestamp=1725865024825',
     '0xb431bdc9b2bdd65c37b2eb2dcb337f7f31118933e8a4bdf0dd85825163c98cb36e3eb0fb180fc671388e7225617f1f45b32a7717e12a40fa2c9f3f3893e75a351c'),
    (5, 'call=True&marginAmount=10&positionId=4796701&timestamp=1725865751805',
     '0x3e7a622d3319fe5abff048ade714170c01b5d1b3d9c3b0e40e89fce896a9807a5e396145575e34dbb562637481efa9acb5b62f9a53382ec4329753042866a2651c'),
    (6, 'symbol=USD&timestamp=1725867599415',
     '0xb89ebe4ad4aabdb7a01e5ad190b341ebc42a011dd416cfc7b4b8ee381eb124ce0147e01a0944afa44e99afd9636b857f30f595478bb665b3a2982b9d94bcc3ef1b'),
    (7, 'pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725867816041',
     '0xca57766c2e5cece1671b65bd2409a2dffa685781a7987b3a8eef2a95e25709d938135836810eb05976528abd8706a495170a738e36b1c25ee792b6493f1873751b'),
    (8, 'matchId=19864367&pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725868174532',
     '0x438e6ca43d3dd371f5c7dde98d967bb9d7949f82d19496513e085d7e3b55d26f75d7269ae7ece951fd9672b2a8b70ec298ab155f63e364c951d2c6a58bd5be7f1b'),
    (9, 'pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725868384990',
     '0x5b074aac7a618b9b8f6b38228d78e871e9e65b2d72eb179a7dc117f4b35988bf0f06780649fc8682769b98d409aa9b983c24adb30d7e64b4ae4f95c428c8598e1c'),
    (10, '1725870284179',
     '0xb24d1c6e35ca7532cf5c984397f842684da580e6c3d3fe8212c90fa59dcfaec955700dcaafc45259ca6e181c96c006427fc121af898dbdc10457df65e485a0c61c'),
    (11, '1725870671040',
     '0x2c919fc2ad33889d524b61f5b5a4bc6f2b6d3f3b53505232c8f0e3e12c378dca6f35b217c8018d3da73794df3d428c1f1301c7cdb56b3c0944e0735417849f841c'),
    (12, '1725870816532',
     '0xc2a5c5ac88017831c64176d3c0ab0c6275c5c51c7fe496925aa48c7c5c894c431e22d7d94adf7fc0215b8a636bd90f6b0909bc9923f425918740443af2e593b11b'),
    (13, '1725871110103',
     '0x0ea7e63d06d57bcfe43e9f0348010253a9999b3c81081d82ef15f4c360ac4f61587dfb1b844589721fb11529a9ee5a146dfaf61bbffe00342d79d650845b7f661b'),
]

# The WebSocket examples (Satori's docs: WebSocket > Subscription): vector number -> (the subscribe message as
# sent, Satori's ack, the push that followed), exactly as published.
WS_EXAMPLES = {
    10: ('{"symbol": "USD", "method": "SUBSCRIBE", "event": "api_account", "apiKey": "st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7", '
         '"signature": "0xb24d1c6e35ca7532cf5c984397f842684da580e6c3d3fe8212c90fa59dcfaec955700dcaafc45259ca6e181c96c006427fc121af898dbdc1'
         '0457df65e485a0c61c", "timestamp": 1725870284179, "signType": "2"}',
         '{"event": "api_account_res", "method": "SUBSCRIBE", "msg": "subscribe success: api_account", "success": true, "symbol": "USD"}',
         '{"data": {"availableAmount": "999757.863799", "coinId": 4, "frozenAmount": "241.506568", "logId": 0, "operateAmount": "0.00", '
         '"symbol": "USD"}, "event": "api_account", "success": true, "symbol": "USD"}'),
    11: ('{"pair": "ETH-USD", "method": "SUBSCRIBE", "event": "api_entrust", "apiKey": "st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7", '
         '"signature": "0x2c919fc2ad33889d524b61f5b5a4bc6f2b6d3f3b53505232c8f0e3e12c378dca6f35b217c8018d3da73794df3d428c1f1301c7cdb56b3c09'
         '44e0735417849f841c", "timestamp": 1725870671040, "signType": "2"}',
         '{"event": "api_entrust_res", "method": "SUBSCRIBE", "msg": "subscribe success: api_entrust", "pair": "ETH-USD", "success": true}',
         '{"data": {"changeType": "NEW", "clientOrderId": "1725870680532", "contractPairId": 1, "currentEntrustId": 180632923, '
         '"dealAmount": "0.00", "dealQuantity": "0", "direction": "LONG", "isClose": false, "isMarket": false, "lever": 1, "matchType": 1, '
         '"price": "2000", "quantity": "0.02", "symbol": "ETH-USD"}, "event": "api_entrust", "success": true}'),
    12: ('{"pair": "ETH-USD", "method": "SUBSCRIBE", "event": "api_position", "apiKey": "st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7", '
         '"signature": "0xc2a5c5ac88017831c64176d3c0ab0c6275c5c51c7fe496925aa48c7c5c894c431e22d7d94adf7fc0215b8a636bd90f6b0909bc9923f4259'
         '18740443af2e593b11b", "timestamp": 1725870816532, "signType": "2"}',
         '{"event": "api_position_res", "method": "SUBSCRIBE", "msg": "subscribe success: api_position", "pair": "ETH-USD", '
         '"success": true}',
         '{"data": {"canClosedQuantity": "0.06", "changeType": "NEW", "contractPairId": 1, "currentQuantity": "0.06", "direction": "LONG", '
         '"marginAmount": "39.890168", "marginCallAmount": "7.5", "openingPrice": "2300.045", "operateQuantity": "0", '
         '"positionId": 4796701, "positionType": 3, "symbol": "ETH-USD"}, "event": "api_position", "success": true}'),
    13: ('{"pair": "ETH-USD", "period": "1MIN", "method": "SUBSCRIBE", "event": "api_trade", "apiKey": '
         '"st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7", "signature": "0x0ea7e63d06d57bcfe43e9f0348010253a9999b3c81081d82ef15f4c360ac4f615'
         '87dfb1b844589721fb11529a9ee5a146dfaf61bbffe00342d79d650845b7f661b", "timestamp": 1725871110103, "signType": "2"}',
         '{"event": "api_trade_res", "method": "SUBSCRIBE", "msg": "subscribe success: api_trade", "pair": "ETH-USD", "success": true}',
         '{"data": [{"amount": 2576.22013, "contractMatchPairId": 19868095, "contractPairId": 1, "isLong": false, "pair": "ETH-USD", '
         '"price": 2318.83, "quantity": 1.111, "time": "08:38:27", "timestamp": 1725871107000}, {"amount": 1054.89475, '
         '"contractMatchPairId": 19868087, "contractPairId": 1, "isLong": true, "pair": "ETH-USD", "price": 2318.45, "quantity": 0.455, '
         '"time": "08:38:17", "timestamp": 1725871097000}], "event": "api_trade", "pair": "ETH-USD", "success": true}'),
}
