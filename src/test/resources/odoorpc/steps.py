"""The steps a third-party Odoo client takes, with Debian's python3-odoorpc: connect, login, search_read, create
and a method call. Prints one line per step passed; exits non-zero at the first step that fails."""
import sys

import odoorpc

host, port, db, login, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]

odoo = odoorpc.ODOO(host, protocol='jsonrpc', port=port)
print('connect', odoo.version, flush=True)
odoo.login(db, login, password)
print('login', odoo.env.uid, flush=True)
customers = odoo.env['res.partner'].search_read([['ref', '=', 'C-10042']], ['name', 'ref'])
print('search_read', customers[0]['ref'], flush=True)
Order = odoo.env['sale.order']
order_id = Order.create({'partner_id': customers[0]['id'], 'client_order_ref': 'ODOORPC-1',
                         'order_line': [(0, 0, {'product_id': 25, 'product_uom_qty': 2})]})
print('create', order_id, flush=True)
odoo.execute_kw('sale.order', 'action_confirm', [[order_id]])
print('call', Order.read([order_id], ['state'])[0]['state'], flush=True)
